package io.mediamon.ingest.feed;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import io.mediamon.common.Redaction;
import io.mediamon.ingest.DocumentIds;
import io.mediamon.ingest.IngestException;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sitemaps, Google News sitemaps above all, as a source beside feeds, parsed by crawler-commons (gzip, sitemap
 * indexes, the news extension; no DOCTYPE). Each URL becomes an entry like a feed's: its {@code <news:title>} as
 * title, {@code <news:publication_date>} (else {@code <lastmod>}) as publication time, {@code <news:name>} as outlet,
 * {@code <news:language>} as declared language, {@code <news:keywords>} as categories; its text comes from the
 * article page the poller fetches, else the title alone.
 */
public final class NewsSitemapReader {

  /**
   * What one sitemap gave.
   *
   * @param documents its entries published within the window
   * @param children the sitemaps an index lists (with their lastmod when given), to fetch in turn
   * @param skipped entries left out: published before the window, or with no date at all
   */
  public record Sitemap(List<RawDocument> documents, List<Child> children, int skipped) {}

  /** A sitemap an index lists. */
  public record Child(URI url, Instant lastModified) {}

  /** True when the bytes look like a sitemap or a sitemap index (after any BOM, prolog and comments). */
  public static boolean looksLikeSitemap(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return head.contains("<urlset") || head.contains("<sitemapindex");
  }

  /**
   * Parses a sitemap.
   *
   * @param sitemapUrl where it came from (URL or file URI)
   * @param contentType the HTTP Content-Type, or null (a {@code .gz} URL is read as gzip either way)
   * @param since entries published before this are skipped; null keeps every entry that has a title or a date
   */
  public Sitemap read(byte[] body, String sitemapUrl, String contentType, Instant fetchedAt, Instant since)
      throws IngestException {
    AbstractSiteMap parsed;
    try {
      SiteMapParser parser = new SiteMapParser(false);
      parser.enableExtension(Extension.NEWS);
      parsed = parser.parseSiteMap(contentType == null ? guessType(sitemapUrl) : contentType, body, toUrl(sitemapUrl));
    } catch (UnknownFormatException | IOException | RuntimeException e) {
      throw new IngestException("ingest.parse-sitemap", "malformed sitemap " + sitemapUrl + ": " + e.getMessage(), e);
    }
    if (parsed.isIndex()) {
      List<Child> children = new ArrayList<>();
      for (AbstractSiteMap child : ((SiteMapIndex) parsed).getSitemaps()) {
        Instant lastModified = child.getLastModified() == null ? null : child.getLastModified().toInstant();
        if (since == null || lastModified == null || !lastModified.isBefore(since)) {
          children.add(new Child(URI.create(child.getUrl().toString()), lastModified));
        }
      }
      return new Sitemap(List.of(), children, ((SiteMapIndex) parsed).getSitemaps().size() - children.size());
    }
    List<RawDocument> documents = new ArrayList<>();
    int skipped = 0;
    for (SiteMapURL url : ((SiteMap) parsed).getSiteMapUrls()) {
      NewsAttributes news = news(url);
      Instant published = news != null && news.getPublicationDate() != null ? news.getPublicationDate().toInstant()
          : url.getLastModified() != null ? url.getLastModified().toInstant() : null;
      String title = news == null || news.getTitle() == null || news.getTitle().isBlank() ? null : news.getTitle().strip();
      boolean inWindow = since == null ? published != null || title != null
          : published != null && !published.isBefore(since);
      if (!inWindow) {
        skipped++;
        continue;
      }
      documents.add(document(url, news, title, published, sitemapUrl, fetchedAt));
    }
    return new Sitemap(documents, List.of(), skipped);
  }

  private static NewsAttributes news(SiteMapURL url) {
    ExtensionMetadata[] attributes = url.getAttributesForExtension(Extension.NEWS);
    return attributes != null && attributes.length > 0 && attributes[0] instanceof NewsAttributes n ? n : null;
  }

  private static RawDocument document(SiteMapURL url, NewsAttributes news, String title, Instant published,
      String sitemapUrl, Instant fetchedAt) {
    String link = url.getUrl().toString();
    String outlet = news == null || news.getName() == null || news.getName().isBlank() ? null : news.getName().strip();
    Map<String, String> attributes = new HashMap<>();
    attributes.put("feed.content", "none");
    attributes.put("feed.type", "sitemap");
    if (news != null && news.getLanguage() != null && !news.getLanguage().isBlank()) {
      attributes.put("feed.language", news.getLanguage().strip());
    }
    if (url.getLastModified() != null) {
      attributes.put("updated_at", url.getLastModified().toInstant().toString());
    }
    List<String> keywords = news == null || news.getKeywords() == null ? List.of()
        : Arrays.stream(news.getKeywords()).map(String::strip).filter(k -> !k.isEmpty()).toList();
    return RawDocument.newBuilder()
        .setId(DocumentIds.of("feed-entry", sitemapUrl, link))
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder()
            .setType(OriginType.FEED_ENTRY)
            .setUri(Redaction.url(link))
            .setFeedUrl(Redaction.url(sitemapUrl))
            .setFeedTitle(outlet)
            .setSiteName(outlet)
            .build())
        .setUrl(Redaction.url(link))
        .setFetchedAt(fetchedAt)
        .setContentType("text/html")
        .setTitle(title)
        .setPublishedAt(published)
        .setCategories(new ArrayList<>(keywords))
        .setBody(ByteBuffer.wrap(new byte[0]))
        .setAttributes(attributes)
        .build();
  }

  private static String guessType(String url) {
    String path = url.toLowerCase(Locale.ROOT);
    return path.endsWith(".gz") ? "application/gzip" : "text/xml";
  }

  private static URL toUrl(String url) throws MalformedURLException {
    return URI.create(url).toURL();
  }

  /** The sitemap window as an instant: {@code now - window}, or null when the window is zero (no limit). */
  public static Instant since(Instant now, Duration window) {
    return window.isZero() ? null : now.minus(window);
  }
}
