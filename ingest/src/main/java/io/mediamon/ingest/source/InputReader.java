package io.mediamon.ingest.source;

import io.mediamon.common.Redaction;
import io.mediamon.ingest.DocumentIds;
import io.mediamon.ingest.IngestException;
import io.mediamon.ingest.feed.FeedParser;
import io.mediamon.ingest.feed.NewsSitemapReader;
import io.mediamon.ingest.fetch.Fetched;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;

/**
 * Reads one input (a file, a folder, a feed file, a feed URL or a page URL) into raw documents. Each document or
 * failure goes to the {@link Listener}; one bad file never stops the rest of a folder.
 */
public final class InputReader {
  private static final int MAX_DEPTH = 16;
  private final HttpFetcher fetcher;
  private final FeedParser feeds = new FeedParser();
  private final NewsSitemapReader sitemaps = new NewsSitemapReader();
  private final long maxBytes;
  private final Clock clock;

  /** Receives what reading an input produced. */
  public interface Listener {
    void document(RawDocument document);

    /** A failure and the bytes involved, if any were read. */
    void failure(String origin, IngestException error, byte[] payload);
  }

  public InputReader(HttpFetcher fetcher, long maxBytes, Clock clock) {
    this.fetcher = fetcher;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  public void read(String input, Listener listener) {
    String trimmed = input.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      readUrl(URI.create(trimmed), listener);
      return;
    }
    Path path = lower.startsWith("file:") ? Path.of(URI.create(trimmed)) : Path.of(trimmed);
    if (Files.isDirectory(path)) {
      readFolder(path, listener);
    } else {
      readFile(path, listener, true);
    }
  }

  /**
   * The files of a folder and its subfolders (to {@value #MAX_DEPTH} levels), in name order. An entry that cannot be
   * listed or read (a subfolder without permission, a broken link) is its own failure and the walk goes on.
   */
  private void readFolder(Path folder, Listener listener) {
    List<Path> files = new java.util.ArrayList<>();
    try {
      Files.walkFileTree(folder, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
          new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
              if (file.getFileName().toString().startsWith(".") || kindOf(file) == FileKind.UNKNOWN) {
                return java.nio.file.FileVisitResult.CONTINUE;
              }
              if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                files.add(file);
              } else if (attrs.isSymbolicLink() && !Files.exists(file)) {
                listener.failure(file.toAbsolutePath().normalize().toUri().toString(), new IngestException(
                    "ingest.read", "cannot read " + file + ": a link to nothing"), null);
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
              listener.failure(file.toAbsolutePath().normalize().toUri().toString(), new IngestException("ingest.read",
                  "cannot list " + file + ": " + e.getMessage(), e), null);
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      listener.failure(folder.toUri().toString(), new IngestException("ingest.read", "cannot list " + folder + ": "
          + e.getMessage(), e), null);
    }
    files.sort(null);
    files.forEach(f -> readFile(f, listener, false));
  }

  private void readFile(Path file, Listener listener, boolean named) {
    String origin = file.toAbsolutePath().normalize().toUri().toString();
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw new IngestException("ingest.read", "no such file: " + file);
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new IngestException("ingest.size", file + " has " + size + " bytes, over the cap of " + maxBytes);
      }
      bytes = Files.readAllBytes(file);
    } catch (IngestException e) {
      listener.failure(origin, e, null);
      return;
    } catch (IOException e) {
      listener.failure(origin, new IngestException("ingest.read", "cannot read " + file + ": " + e.getMessage(), e), null);
      return;
    }
    Instant now = clock.instant();
    FileKind kind = kindOf(file);
    if (kind == FileKind.GZIP) {
      try {
        bytes = gunzip(bytes, file);
      } catch (IngestException e) {
        listener.failure(origin, e, null);
        return;
      }
      String inner = file.getFileName().toString();
      kind = kindOf(Path.of(inner.substring(0, inner.length() - 3)));
    }
    if (NewsSitemapReader.looksLikeSitemap(bytes)) {
      readSitemap(bytes, origin, now, listener);
      return;
    }
    if (kind == FileKind.FEED || (kind == FileKind.UNKNOWN && FeedParser.looksLikeFeed(bytes))) {
      readFeed(bytes, origin, null, now, listener);
      return;
    }
    String contentType = kind == FileKind.HTML ? "text/html" : kind == FileKind.TEXT ? "text/plain" : null;
    if (contentType == null && named) {
      contentType = sniffHtml(bytes) ? "text/html" : "text/plain";
    }
    listener.document(RawDocument.newBuilder()
        .setId(DocumentIds.of("file", origin))
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder().setType(OriginType.FILE).setUri(origin).build())
        .setFetchedAt(now)
        .setContentType(contentType)
        // a file has no transport to say its charset: enrich reads it from the bytes (BOM, declaration)
        .setBody(ByteBuffer.wrap(bytes))
        .build());
  }

  private void readUrl(URI uri, Listener listener) {
    Fetched fetched;
    try {
      fetched = fetcher.get(uri);
    } catch (IngestException e) {
      listener.failure(uri.toString(), e, null);
      return;
    }
    Instant now = clock.instant();
    String mediaType = fetched.mediaType();
    if (isGzip(fetched.body())) {
      // a sitemap.xml.gz served as a file, not with a Content-Encoding the fetcher would have undone
      try {
        byte[] inflated = gunzip(fetched.body(), Path.of("sitemap.xml.gz"));
        if (NewsSitemapReader.looksLikeSitemap(inflated)) {
          readSitemap(inflated, fetched.finalUri().toString(), now, listener);
          return;
        }
      } catch (IngestException e) {
        listener.failure(uri.toString(), e, null);
        return;
      }
    }
    if ((mediaType == null || mediaType.contains("xml")) && NewsSitemapReader.looksLikeSitemap(fetched.body())) {
      readSitemap(fetched.body(), fetched.finalUri().toString(), now, listener);
      return;
    }
    boolean feed = mediaType != null && (mediaType.contains("rss") || mediaType.contains("atom")
        || mediaType.contains("rdf")) || (mediaType == null || mediaType.contains("xml")) && FeedParser.looksLikeFeed(fetched.body());
    if (feed) {
      readFeed(fetched.body(), fetched.finalUri().toString(), fetched.contentType(), now, listener);
      return;
    }
    String finalUrl = fetched.finalUri().toString();
    String canonical = null;
    String title = null;
    if (mediaType == null || mediaType.contains("html")) {
      Document head = fetched.head();
      canonical = Fetched.canonicalUrl(head);
      title = head.title().isBlank() ? null : head.title().strip();
    }
    listener.document(RawDocument.newBuilder()
        .setId(DocumentIds.of("page", canonical != null ? canonical : finalUrl))
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder().setType(OriginType.PAGE).setUri(Redaction.url(uri.toString())).build())
        .setUrl(Redaction.url(finalUrl))
        .setCanonicalUrl(Redaction.url(canonical))
        .setFetchedAt(now)
        .setContentType(mediaType)
        .setCharset(fetched.charset())
        .setHttpStatus(fetched.status())
        .setAttributes(title == null ? java.util.Map.of() : java.util.Map.of("html_title", title))
        .setBody(ByteBuffer.wrap(fetched.body()))
        .build());
  }

  /**
   * A sitemap file's entries, every one that has a title or a date: a file is read as it is, with no window and, like
   * feed files, no page fetched. An index's child sitemaps are not followed from a file.
   */
  private void readSitemap(byte[] bytes, String origin, Instant now, Listener listener) {
    try {
      NewsSitemapReader.Sitemap sitemap = sitemaps.read(bytes, origin, "text/xml", now, null);
      sitemap.documents().forEach(listener::document);
      if (!sitemap.children().isEmpty()) {
        listener.failure(origin, new IngestException("ingest.parse-sitemap", origin + " is a sitemap index of "
            + sitemap.children().size() + " sitemaps: give them, or list the index in a feed list to poll it"), null);
      }
    } catch (IngestException e) {
      listener.failure(origin, e, bytes);
    }
  }

  private static boolean isGzip(byte[] bytes) {
    return bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
  }

  /** Decompresses a gzip file, stopping at the size cap so a decompression bomb stays small. */
  private byte[] gunzip(byte[] bytes, Path file) throws IngestException {
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (out.length > maxBytes) {
        throw new IngestException("ingest.size", file + " decompresses to more than the cap of " + maxBytes + " bytes");
      }
      return out;
    } catch (IOException e) {
      throw new IngestException("ingest.read", "cannot decompress " + file + ": " + e.getMessage(), e);
    }
  }

  /** A feed's entries, and a failure for what of it could not be read (all of it, or the rest of a cut-off feed). */
  private void readFeed(byte[] bytes, String origin, String contentType, Instant now, Listener listener) {
    try {
      FeedParser.ParsedFeed parsed = feeds.parseFeed(bytes, origin, contentType, now);
      parsed.documents().forEach(listener::document);
      if (parsed.problem() != null) {
        listener.failure(origin, parsed.problem(), parsed.remainder() != null ? parsed.remainder() : bytes);
      }
    } catch (IngestException e) {
      listener.failure(origin, e, bytes);
    }
  }

  private static boolean sniffHtml(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body");
  }

  enum FileKind { TEXT, HTML, FEED, GZIP, UNKNOWN }

  static FileKind kindOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz") && kindOf(Path.of(name.substring(0, name.length() - 3))) != FileKind.UNKNOWN) {
      return FileKind.GZIP;
    }
    for (String ext : List.of(".txt", ".text", ".md")) {
      if (name.endsWith(ext)) {
        return FileKind.TEXT;
      }
    }
    for (String ext : List.of(".html", ".htm", ".xhtml")) {
      if (name.endsWith(ext)) {
        return FileKind.HTML;
      }
    }
    for (String ext : List.of(".xml", ".rss", ".atom", ".rdf")) {
      if (name.endsWith(ext)) {
        return FileKind.FEED;
      }
    }
    return FileKind.UNKNOWN;
  }
}
