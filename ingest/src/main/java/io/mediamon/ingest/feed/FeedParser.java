package io.mediamon.ingest.feed;

import com.rometools.modules.georss.GeoRSSModule;
import com.rometools.modules.georss.GeoRSSUtils;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.TreeMap;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.mediamon.common.Redaction;
import io.mediamon.ingest.DocumentIds;
import io.mediamon.ingest.IngestException;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Feeds to raw documents with Rome: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0. Each entry becomes one document carrying
 * its title, its full content ({@code content:encoded}, Atom content) and its summary; the body stays empty until
 * the poller fetches the article page, and enrich takes the best of these it has. Doctypes are refused, so
 * neither external entities nor entity-expansion bombs are ever resolved.
 */
public final class FeedParser {

  /** True when the bytes look like a feed (after any BOM, prolog and comments). */
  public static boolean looksLikeFeed(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") || head.contains("<channel");
  }

  /**
   * What a feed gave: its entries, and, when only a lenient reading could get them (an ill-formed or cut-off feed),
   * the problem with the rest of it.
   *
   * @param problem why the feed is not well-formed, when entries were kept despite it; null for a sound feed
   * @param remainder the bytes after the last complete entry of a cut-off feed; null otherwise
   */
  public record ParsedFeed(List<RawDocument> documents, IngestException problem, byte[] remainder) {}

  /**
   * Parses a feed; throws when not even a lenient reading finds an entry in it.
   *
   * @param feedUrl where the feed came from (URL or file URI), recorded on each document
   * @param httpContentType the Content-Type header, whose charset wins over the XML prolog; null for files
   */
  public List<RawDocument> parse(byte[] body, String feedUrl, String httpContentType, Instant fetchedAt)
      throws IngestException {
    return parseFeed(body, feedUrl, httpContentType, fetchedAt).documents();
  }

  /** Parses a feed with Rome, else leniently (see {@link LenientFeedReader}); throws when neither finds an entry. */
  public ParsedFeed parseFeed(byte[] body, String feedUrl, String httpContentType, Instant fetchedAt)
      throws IngestException {
    SyndFeed feed;
    Charset declared = charsetOf(body, httpContentType);
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      feed = declared != null
          ? input.build(new InputStreamReader(new ByteArrayInputStream(body, bomLength(body), body.length), declared))
          : input.build(new XmlReader(new ByteArrayInputStream(body), true));
    } catch (FeedException | IOException | IllegalArgumentException e) {
      IngestException problem = new IngestException("ingest.parse-feed", "malformed feed " + feedUrl + ": "
          + e.getMessage(), e);
      LenientFeedReader.Result lenient = LenientFeedReader.read(decode(body, declared));
      if (lenient == null) {
        throw problem;
      }
      List<RawDocument> documents = new ArrayList<>();
      for (LenientFeedReader.Entry entry : lenient.entries()) {
        documents.add(document(lenient, entry, feedUrl, fetchedAt));
      }
      byte[] remainder = lenient.remainder() == null ? null : lenient.remainder().getBytes(StandardCharsets.UTF_8);
      String kept = documents.size() + " entries kept by a lenient reading";
      IngestException reported = remainder == null
          ? new IngestException("ingest.parse-feed", problem.getMessage() + " (" + kept + ")", e)
          : new IngestException("ingest.parse-feed", "feed " + feedUrl + " is cut off after its last complete entry ("
              + kept + "; the rest is this payload): " + e.getMessage(), e);
      return new ParsedFeed(documents, reported, remainder);
    }
    List<RawDocument> documents = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      documents.add(document(feed, entry, feedUrl, fetchedAt));
    }
    return new ParsedFeed(documents, null, null);
  }

  private static String decode(byte[] body, Charset declared) {
    if (declared != null) {
      return new String(body, bomLength(body), body.length - bomLength(body), declared);
    }
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), true)) {
      java.io.StringWriter text = new java.io.StringWriter();
      reader.transferTo(text);
      return text.toString();
    } catch (IOException | RuntimeException e) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static RawDocument document(LenientFeedReader.Result feed, LenientFeedReader.Entry entry, String feedUrl,
      Instant fetchedAt) {
    Instant published = null;
    if (entry.published() != null) {
      java.util.Date date = com.rometools.rome.io.impl.DateParser.parseDate(entry.published(), Locale.ROOT);
      published = date == null ? null : date.toInstant();
    }
    String identity = entry.guid() != null ? entry.guid() : entry.link() != null ? entry.link()
        : entry.title() + "|" + published;
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("feed.content", entry.content() != null ? "full" : entry.summary() != null ? "summary" : "none");
    attributes.put("feed.lenient", "true");
    if (feed.language() != null) {
      attributes.put("feed.language", feed.language());
    }
    return RawDocument.newBuilder()
        .setId(DocumentIds.of("feed-entry", feedUrl, identity))
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder()
            .setType(OriginType.FEED_ENTRY)
            .setUri(Redaction.url(entry.link() != null ? entry.link() : feedUrl))
            .setFeedUrl(Redaction.url(feedUrl))
            .setFeedTitle(feed.feedTitle())
            .setSiteName(feed.feedTitle())
            .setGuid(Redaction.url(entry.guid()))
            .build())
        .setUrl(Redaction.url(entry.link()))
        .setFetchedAt(fetchedAt)
        .setContentType("text/html")
        .setCharset("UTF-8")
        .setTitle(entry.title())
        .setSummary(entry.summary())
        .setFeedContent(entry.content())
        .setPublishedAt(published)
        .setAuthors(entry.author() == null ? new ArrayList<>() : new ArrayList<>(List.of(entry.author())))
        .setCategories(new ArrayList<>(entry.categories()))
        .setBody(ByteBuffer.wrap(new byte[0]))
        .setAttributes(new java.util.HashMap<>(attributes))
        .build();
  }

  /**
   * The charset to read a feed in, when something says it outright: a byte-order mark first, then the charset of
   * the HTTP Content-Type. Otherwise null, and the XML prolog (or UTF-8) decides.
   */
  static Charset charsetOf(byte[] body, String httpContentType) {
    if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
      return Charset.forName("UTF-32BE");
    }
    if (startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
      return Charset.forName("UTF-32LE");
    }
    if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
      return StandardCharsets.UTF_8;
    }
    if (startsWith(body, 0xFE, 0xFF)) {
      return StandardCharsets.UTF_16BE;
    }
    if (startsWith(body, 0xFF, 0xFE)) {
      return StandardCharsets.UTF_16LE;
    }
    if (httpContentType != null) {
      for (String part : httpContentType.split(";")) {
        String p = part.strip();
        if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          try {
            return Charset.forName(p.substring(8).replace("\"", "").replace("'", "").strip());
          } catch (IllegalArgumentException e) {
            return null; // a bogus charset: let the document say
          }
        }
      }
    }
    return null;
  }

  private static int bomLength(byte[] body) {
    if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
      return 4;
    }
    if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
      return 3;
    }
    return startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE) ? 2 : 0;
  }

  private static boolean startsWith(byte[] body, int... bytes) {
    if (body.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((body[i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static RawDocument document(SyndFeed feed, SyndEntry entry, String feedUrl, Instant fetchedAt) {
    String guid = blankToNull(entry.getUri());
    String link = entry.getLink() == null ? null : blankToNull(entry.getLink().strip());
    String content = fullContent(entry);
    String summary = entry.getDescription() == null ? null : blankToNull(entry.getDescription().getValue());
    Instant published = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
        : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
    Set<String> authors = new LinkedHashSet<>();
    for (SyndPerson p : entry.getAuthors()) {
      if (p.getName() != null && !p.getName().isBlank()) {
        authors.add(p.getName().strip());
      }
    }
    if (authors.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
      authors.add(entry.getAuthor().strip());
    }
    List<String> categories = new ArrayList<>();
    for (SyndCategory c : entry.getCategories()) {
      if (c.getName() != null && !c.getName().isBlank()) {
        categories.add(c.getName().strip());
      }
    }
    String identity = guid != null ? guid : link != null ? link : entry.getTitle() + "|" + published;
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("feed.content", content != null ? "full" : summary != null ? "summary" : "none");
    if (entry.getUpdatedDate() != null) {
      attributes.put("updated_at", entry.getUpdatedDate().toInstant().toString());
    }
    String language = blankToNull(feed.getLanguage());
    if (language != null) {
      attributes.put("feed.language", language.strip());
    }
    modules(entry, attributes);
    return RawDocument.newBuilder()
        .setId(DocumentIds.of("feed-entry", feedUrl, identity))
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder()
            .setType(OriginType.FEED_ENTRY)
            .setUri(Redaction.url(link != null ? link : feedUrl))
            .setFeedUrl(Redaction.url(feedUrl))
            .setFeedTitle(blankToNull(feed.getTitle()))
            .setSiteName(blankToNull(feed.getTitle()))
            .setGuid(Redaction.url(guid))
            .build())
        .setUrl(Redaction.url(link))
        .setFetchedAt(fetchedAt)
        .setContentType("text/html")
        .setCharset("UTF-8")
        .setTitle(entry.getTitle() == null ? null : blankToNull(entry.getTitle().strip()))
        .setSummary(summary)
        .setFeedContent(content)
        .setPublishedAt(published)
        .setAuthors(new ArrayList<>(authors))
        .setCategories(categories)
        // the body is the article page once one is fetched; the entry's own text travels in feed_content and summary
        .setBody(ByteBuffer.wrap(new byte[0]))
        .setAttributes(new java.util.HashMap<>(attributes))
        .build();
  }

  /** Enclosures, Media RSS, GeoRSS and iTunes data, kept as attributes where the entry has them. */
  private static void modules(SyndEntry entry, Map<String, String> attributes) {
    int i = 0;
    for (SyndEnclosure e : entry.getEnclosures()) {
      if (e.getUrl() != null) {
        attributes.put("enclosure." + i + ".url", e.getUrl());
        if (e.getType() != null) {
          attributes.put("enclosure." + i + ".type", e.getType());
        }
        if (e.getLength() > 0) {
          attributes.put("enclosure." + i + ".length", Long.toString(e.getLength()));
        }
        i++;
      }
    }
    if (entry.getModule(MediaModule.URI) instanceof MediaEntryModule media) {
      int m = 0;
      for (MediaContent c : media.getMediaContents()) {
        if (c.getReference() != null) {
          attributes.put("media." + m + ".url", c.getReference().toString());
          if (c.getType() != null) {
            attributes.put("media." + m + ".type", c.getType());
          }
          m++;
        }
      }
      if (media.getMetadata() != null && media.getMetadata().getThumbnail().length > 0) {
        attributes.put("media.thumbnail", media.getMetadata().getThumbnail()[0].getUrl().toString());
      }
    }
    GeoRSSModule geo = GeoRSSUtils.getGeoRSS(entry);
    if (geo != null && geo.getPosition() != null) {
      attributes.put("georss.point", geo.getPosition().getLatitude() + " " + geo.getPosition().getLongitude());
    }
    if (entry.getModule(ITunes.URI) instanceof EntryInformation itunes && itunes.getDuration() != null) {
      attributes.put("itunes.duration_ms", Long.toString(itunes.getDuration().getMilliseconds()));
    }
  }

  private static String fullContent(SyndEntry entry) {
    StringBuilder sb = new StringBuilder();
    for (SyndContent c : entry.getContents()) {
      if (c.getValue() != null && !c.getValue().isBlank()) {
        sb.append(c.getValue()).append('\n');
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
