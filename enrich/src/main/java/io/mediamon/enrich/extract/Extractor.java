package io.mediamon.enrich.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
    Charset cs = charsetOf(body, charset);
    boolean isHtml = isHtml(contentType, new String(body, 0, Math.min(body.length, 1024), cs));
    boolean cutAsBytes = isHtml && isAsciiCompatible(cs);
    byte[] bytes = body;
    if (cutAsBytes) {
      // cut before decoding: scripts and styles are half a page, and decoding UTF-8 costs as much as parsing.
      // Every cut is at an ASCII '<' or '>', which in these charsets never falls inside a multi-byte character.
      bytes = MarkupPrefilter.strip(new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }
    String text = new String(bytes, cs);
    if (text.length() > maxChars) {
      text = text.substring(0, (int) maxChars);
    }
    if (isHtml) {
      // UTF-16 and UTF-32 pages are cut after decoding instead
      Extraction e = cutAsBytes ? html.extractPrefiltered(text, url, reference) : html.extract(text, url, reference);
      if (knownTitle != null && e.title() == null) {
        return new Extraction(knownTitle, e.text(), e.dateline(), e.publishedAt(), e.modifiedAt(), e.authors(),
            e.languageHint(), e.canonicalUrl(), e.siteName(), e.leadImage(), e.links());
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
  private static Charset charsetOf(byte[] body, String charset) {
    if (charset != null) {
      try {
        return Charset.forName(charset);
      } catch (IllegalArgumentException e) {
        // an unknown or misspelt name: read the body as if none was given
      }
    }
    return BodyCharset.of(body);
  }

  /**
   * Whether the bytes of '<', '>', '!', '-' and '/' only ever stand for those characters in this charset: true of
   * the single-byte ones and of UTF-8, EUC, Shift_JIS, GBK and Big5, whose multi-byte characters start at 0x81 and
   * never continue with one of them; false of UTF-16 and UTF-32.
   */
  static boolean isAsciiCompatible(Charset cs) {
    String name = cs.name().toUpperCase(Locale.ROOT);
    return cs.equals(StandardCharsets.UTF_8) || name.startsWith("ISO-8859") || name.startsWith("WINDOWS-125")
        || name.equals("US-ASCII") || name.startsWith("KOI8") || name.equals("TIS-620") || name.startsWith("EUC-")
        || name.equals("SHIFT_JIS") || name.equals("WINDOWS-31J") || name.equals("GBK") || name.equals("GB2312")
        || name.equals("BIG5");
  }
}
