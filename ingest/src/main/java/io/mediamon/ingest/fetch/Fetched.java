package io.mediamon.ingest.fetch;

import java.net.URI;

/**
 * A fetched response.
 *
 * @param finalUri the URI after redirects
 * @param status HTTP status
 * @param contentType the Content-Type header, with parameters
 * @param body the decoded (gunzipped) body; empty for 304 Not Modified
 * @param etag the ETag header, for the next conditional request
 * @param lastModified the Last-Modified header, for the next conditional request
 */
public record Fetched(URI finalUri, int status, String contentType, byte[] body, String etag, String lastModified) {

  public Fetched(URI finalUri, int status, String contentType, byte[] body) {
    this(finalUri, status, contentType, body, null, null);
  }

  /** 304: the validators matched, nothing changed since the last fetch. */
  public boolean notModified() {
    return status == 304;
  }

  /** Media type without parameters, lower-case; null when absent. */
  public String mediaType() {
    return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** The charset parameter of the Content-Type, or null. */
  public String charset() {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.toLowerCase(java.util.Locale.ROOT).startsWith("charset=")) {
        return p.substring(8).replace("\"", "").strip();
      }
    }
    return null;
  }

  /** The charset to decode the body with: the Content-Type's, else UTF-8 (also for an unknown name). */
  public java.nio.charset.Charset charsetOrUtf8() {
    String name = charset();
    try {
      return name == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return java.nio.charset.StandardCharsets.UTF_8;
    }
  }

  /** The first 256 KB of the body parsed as HTML: enough for the head of any page. */
  public org.jsoup.nodes.Document head() {
    return org.jsoup.Jsoup.parse(new String(body, 0, Math.min(body.length, 256 * 1024), charsetOrUtf8()),
        finalUri.toString());
  }

  /** The page's canonical URL ({@code <link rel=canonical>}, else {@code og:url}), or null. */
  public static String canonicalUrl(org.jsoup.nodes.Document head) {
    org.jsoup.nodes.Element link = head.selectFirst("link[rel=canonical][href]");
    org.jsoup.nodes.Element og = head.selectFirst("meta[property=og:url][content]");
    String url = link != null ? link.absUrl("href") : og != null ? og.absUrl("content") : null;
    return url == null || url.isBlank() ? null : url;
  }
}
