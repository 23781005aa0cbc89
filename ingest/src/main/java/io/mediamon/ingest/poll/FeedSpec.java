package io.mediamon.ingest.poll;

import io.mediamon.schemas.DocumentKind;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One feed to poll, as the feed list describes it.
 *
 * @param url the feed URL as written
 * @param key the normalised URL: two spellings of one feed share it and are polled once
 * @param tags per-feed tags (country, language, outlet, ...) copied onto every document as attributes
 * @param articles whether to fetch the article page of each entry
 * @param kind ARTICLE, or POST for social accounts that publish feeds (Mastodon, Bluesky, Telegram bridges)
 * @param type a feed (RSS, Atom, RDF) or a sitemap (Google News sitemap, sitemap index)
 */
public record FeedSpec(URI url, String key, String title, Duration interval, Map<String, String> tags,
    ArticleMode articles, DocumentKind kind, SourceType type) {

  /** A feed. */
  public FeedSpec(URI url, String key, String title, Duration interval, Map<String, String> tags, ArticleMode articles,
      DocumentKind kind) {
    this(url, key, title, interval, tags, articles, kind, SourceType.FEED);
  }

  /** What the URL serves. */
  public enum SourceType {
    FEED,
    /** A sitemap or sitemap index; only URLs published within {@code ingest.sitemap.window} are taken. */
    SITEMAP
  }

  /** When to fetch an entry's article page. */
  public enum ArticleMode {
    /** When the entry carries only a summary (no full content). */
    AUTO,
    ALWAYS,
    NEVER
  }

  /** Scheme and host lower-cased, default port, fragment and an empty path dropped; the query is kept. */
  public static String normalise(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }

  /** Social accounts whose feeds carry posts rather than articles. */
  public static DocumentKind guessKind(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    String path = url.getPath() == null ? "" : url.getPath();
    boolean mastodon = path.matches("/@[^/]+\\.(rss|atom)");
    boolean bluesky = host.equals("bsky.app") && path.matches("/profile/[^/]+/rss");
    boolean telegram = path.contains("/telegram/channel/") || host.startsWith("rsshub.") && path.startsWith("/telegram/");
    return mastodon || bluesky || telegram ? DocumentKind.POST : DocumentKind.ARTICLE;
  }
}
