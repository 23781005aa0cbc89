package io.mediamon.enrich.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset of a body that came without one: a byte-order mark, then an HTML or XML declaration in the first
 * bytes ({@code <meta charset>}, {@code <meta http-equiv=Content-Type>}, {@code <?xml encoding?>}), then UTF-8 if
 * the bytes are valid UTF-8 or nearly so (a stray bad byte in a UTF-8 text), else windows-1252 (what browsers assume
 * for undeclared legacy pages).
 */
final class BodyCharset {
  private static final int PRESCAN_BYTES = 4096;
  /** Well-formed multi-byte characters a text needs before a few bad bytes are taken for damage, not for a legacy charset. */
  static final int MIN_VALID_SEQUENCES = 4;
  /** Well-formed multi-byte characters per bad byte, at least. */
  static final int VALID_PER_INVALID = 4;
  private static final Pattern DECLARED = Pattern.compile("(?i)<meta[^>]{0,200}?charset\\s*=\\s*[\"']?\\s*([a-z0-9_.:-]+)"
      + "|<\\?xml[^>]{0,100}?encoding\\s*=\\s*[\"']([a-z0-9_.:-]+)");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private BodyCharset() {}

  static Charset of(byte[] body) {
    if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
      return StandardCharsets.UTF_8;
    }
    if (body.length >= 2 && (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16BE;
    }
    if (body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16LE;
    }
    Optional<Charset> declared = declared(body);
    if (declared.isPresent()) {
      return declared.get();
    }
    return isUtf8(body) || isMostlyUtf8(body) ? StandardCharsets.UTF_8 : WINDOWS_1252;
  }

  /**
   * Whether bytes that are not all valid UTF-8 are UTF-8 with a few bad sequences: at least
   * {@value #MIN_VALID_SEQUENCES} well-formed multi-byte characters and at most one bad byte in
   * {@value #VALID_PER_INVALID} of them. Such a text decoded as windows-1252 would turn every ’ “ ” — into mojibake
   * to save a stray byte; decoded as UTF-8 only the stray byte becomes U+FFFD.
   */
  static boolean isMostlyUtf8(byte[] b) {
    int[] counts = scan(b);
    return counts[0] >= MIN_VALID_SEQUENCES && counts[1] * VALID_PER_INVALID <= counts[0];
  }

  /** Whether the bytes are well-formed UTF-8 (no overlong forms or surrogates); a scan, nothing decoded. */
  static boolean isUtf8(byte[] b) {
    return scan(b)[1] == 0;
  }

  /**
   * Well-formed multi-byte UTF-8 characters and bad bytes (a lead without its continuation bytes, an overlong form,
   * a surrogate) in {@code b}. A sequence cut by the end of the body (a capped download) is not counted as bad.
   */
  private static int[] scan(byte[] b) {
    int valid = 0;
    int invalid = 0;
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int extra = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
      int min = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
      if (extra > 0 && i + extra >= b.length) {
        boolean continuation = true;
        for (int k = i + 1; k < b.length; k++) {
          continuation &= (b[k] & 0xc0) == 0x80;
        }
        invalid += continuation ? 0 : 1;
        break;
      }
      boolean ok = extra > 0;
      int cp = ok ? c & (0x3f >> extra) : 0;
      for (int k = 1; ok && k <= extra; k++) {
        int cc = b[i + k] & 0xff;
        ok = (cc & 0xc0) == 0x80;
        cp = (cp << 6) | (cc & 0x3f);
      }
      ok = ok && cp >= min && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
      if (ok) {
        valid++;
        i += extra + 1;
      } else {
        invalid++;
        i++;
      }
    }
    return new int[] {valid, invalid};
  }

  /** The declared charset; ISO-8859-1 and US-ASCII mean windows-1252, as in every browser (WHATWG Encoding). */
  static Optional<Charset> declared(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher m = DECLARED.matcher(head);
    if (!m.find()) {
      return Optional.empty();
    }
    String name = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
    if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii") || name.equals("ascii")) {
      return Optional.of(WINDOWS_1252);
    }
    if (name.startsWith("utf-16")) {
      // a page that could be read to this point is ASCII-compatible: the declaration is wrong (WHATWG says UTF-8)
      return Optional.of(StandardCharsets.UTF_8);
    }
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
