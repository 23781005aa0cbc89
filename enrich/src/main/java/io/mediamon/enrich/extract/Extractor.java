package io.mediamon.enrich.extract;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Locale;

/**
 * The one entry point for extraction, used by the enrich topology and by {@code mediamon extract}: picks the
 * HTML or the plain-text path from the content type (or, without one, from the bytes).
 */
public final class Extractor {
  private final HtmlExtractor html = new HtmlExtractor();
  private final PlainTextExtractor plain = new PlainTextExtractor();
  private final long maxChars;

  /** @param maxChars longer bodies are cut to this many characters before parsing, to bound time and memory */
  public Extractor(long maxChars) {
    this.maxChars = maxChars;
  }

  /**
   * Extracts text and metadata from a document body.
   *
   * @param contentType media type, e.g. {@code text/html}; null to sniff
   * @param charset the body's charset; null to read it from the body (BOM, declaration, else UTF-8 or windows-1252)
   * @param url the document's URL, for resolving links; may be null
   * @param knownTitle a title the source already gave; may be null
   * @param reference publication time when known; may be null
   */
  public Extraction extract(byte[] body, String contentType, String charset, String url, String knownTitle,
      Instant reference) {
    if (looksBinary(body)) {
      throw new UnsupportedContentException("binary content (" + (contentType == null ? "unknown type" : contentType)
          + "), not text or HTML");
    }
    String text = decode(body, charset);
    if (text.length() > maxChars) {
      text = text.substring(0, (int) maxChars);
    }
    if (isHtml(contentType, text)) {
      Extraction e = html.extract(text, url, reference);
      if (knownTitle != null && e.title() == null) {
        return new Extraction(knownTitle, e.text(), e.dateline(), e.publishedAt(), e.authors(), e.languageHint(),
            e.canonicalUrl(), e.siteName(), e.links());
      }
      return e;
    }
    return plain.extract(text, knownTitle, reference);
  }

  static boolean isHtml(String contentType, String text) {
    if (contentType != null) {
      String ct = contentType.toLowerCase(Locale.ROOT);
      if (ct.contains("html") || ct.contains("xml")) {
        return true;
      }
      if (ct.startsWith("text/plain")) {
        return false;
      }
    }
    String head = text.substring(0, Math.min(text.length(), 1024)).stripLeading().toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")
        || head.contains("<head") || (head.startsWith("<") && head.contains("<p"));
  }

  static boolean looksBinary(byte[] body) {
    int n = Math.min(body.length, 4096);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = body[i] & 0xff;
      if (b == 0) {
        return true;
      }
      if (b < 0x09 || (b > 0x0d && b < 0x20)) {
        control++;
      }
    }
    return n > 0 && control * 10 > n;
  }

  /** The given charset (from the transport), else what the body says or looks like; see {@link BodyCharset}. */
  private static String decode(byte[] body, String charset) {
    if (charset != null) {
      try {
        return new String(body, Charset.forName(charset));
      } catch (IllegalArgumentException e) {
        // an unknown or misspelt name: read the body as if none was given
      }
    }
    return new String(body, BodyCharset.of(body));
  }
}
