package io.mediamon.enrich.extract;

import java.util.Locale;

/**
 * Cuts from an HTML page, before it is parsed, the parts extraction would drop right after parsing or never
 * reads: scripts, style sheets, inline SVG, comments, navigation, {@code <noscript>}, frames, form controls, images,
 * picture sources and {@code <link>}s other than the canonical URL and the lead image. On news pages these are well over half of the characters (on
 * the trafilatura corpus: 27 % scripts, 17 % styles, 4 % SVG, then 15 % of the rest navigation, then 17 % of the
 * rest image, source, input and link tags), and a scan for their ends is far cheaper than tokenising them into
 * nodes that are then removed or ignored.
 *
 * <p>Kept whole, and not scanned inside: JSON-LD scripts (metadata and {@code articleBody}) and client-side
 * templates (some themes ship the post in one). A script, style, textarea or frame ends where the HTML tokenizer
 * would end it, at the first matching end tag, and runs to the end of the page when there is none, as in a
 * browser; a comment at the first {@code -->}. Elements that can nest (navigation, SVG, templates) end at their
 * matching end tag; one that is never closed is left to the parser, which knows where its parent ends.
 */
final class MarkupPrefilter {
  /** Elements whose content is raw text: the first end tag closes them. */
  private static final String[] RAW_TEXT = {"script", "style", "textarea", "iframe", "noscript"};
  /** Elements that may hold their own kind: closed by the matching end tag. */
  private static final String[] NESTING = {"svg", "nav", "template", "select"};
  /**
   * Elements without content that extraction never reads: images (a tenth of a news page's markup after the cuts
   * above, with their srcsets and lazy-loading attributes: the lead image comes from the page's metadata), picture
   * sources, form inputs, and {@code <link>}s other than the canonical URL and the lead image.
   */
  private static final String[] VOID = {"img", "source", "input", "link"};

  private MarkupPrefilter() {}

  static String strip(String html) {
    int lt = html.indexOf('<');
    if (lt < 0) {
      return html;
    }
    StringBuilder out = null;
    int copied = 0; // html[copied, lt) is still to be copied
    // a nesting element left unclosed once is not looked for again: a page of thousands of unclosed <nav>s would
    // otherwise be scanned to its end once for each of them
    java.util.Set<String> unclosed = new java.util.HashSet<>();
    while (lt >= 0 && lt + 1 < html.length()) {
      Part part = partAt(html, lt, unclosed);
      if (part == null) {
        lt = html.indexOf('<', lt + 1);
        continue;
      }
      if (part.dropped()) {
        if (out == null) {
          out = new StringBuilder(html.length()); // never grown: the cut page is shorter
        }
        out.append(html, copied, lt);
        copied = part.end();
      }
      lt = part.end() < html.length() ? html.indexOf('<', part.end()) : -1;
    }
    if (out == null) {
      return html;
    }
    out.append(html, copied, html.length());
    return out.toString();
  }

  /**
   * A part of the page the scan steps over as a whole: cut ({@code dropped}), or kept without looking inside (a
   * JSON-LD or template script, up to its end tag). {@code end} is exclusive.
   */
  private record Part(int end, boolean dropped) {}

  /** The part starting at {@code lt}, or null when it is ordinary markup. */
  private static Part partAt(String html, int lt, java.util.Set<String> unclosed) {
    if (html.startsWith("!--", lt + 1)) {
      if (html.startsWith(">", lt + 4) || html.startsWith("->", lt + 4)) {
        return new Part(html.indexOf('>', lt + 4) + 1, true); // "<!-->" and "<!--->" are complete empty comments
      }
      int close = html.indexOf("-->", lt + 4);
      return new Part(close < 0 ? html.length() : close + 3, true);
    }
    String tag = tagAt(html, lt + 1);
    if (tag == null || unclosed.contains(tag)) {
      return null;
    }
    if (isVoid(tag)) {
      int end = openTagEnd(html, lt + 1 + tag.length());
      if (end < 0 || "link".equals(tag) && isReadLink(html, lt, end)) {
        return null;
      }
      return new Part(end + 1, true);
    }
    int openEnd = html.indexOf('>', lt);
    if (openEnd < 0) {
      return null;
    }
    if ("script".equals(tag) && isKeptScript(html, lt, openEnd)) {
      int close = endTag(html, "script", openEnd + 1);
      return close < 0 ? null : new Part(close, false);
    }
    boolean nesting = isNesting(tag);
    if (html.charAt(openEnd - 1) == '/' && nesting) {
      return new Part(openEnd + 1, true); // <svg ... />
    }
    int close = nesting ? matchingEndTag(html, tag, openEnd + 1) : endTag(html, tag, openEnd + 1);
    if (close < 0 && nesting) {
      unclosed.add(tag);
      return null;
    }
    if (close < 0) {
      return new Part(html.length(), true);
    }
    int closeEnd = html.indexOf('>', close);
    return new Part(closeEnd < 0 ? html.length() : closeEnd + 1, true);
  }

  private static boolean isKeptScript(String html, int lt, int openEnd) {
    String open = html.substring(lt, openEnd).toLowerCase(Locale.ROOT);
    return open.contains("ld+json") || open.contains("text/template");
  }

  private static boolean isVoid(String tag) {
    for (String t : VOID) {
      if (t.equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code <link>}s metadata reads: the page's canonical URL and its lead image. */
  private static boolean isReadLink(String html, int lt, int end) {
    String link = html.substring(lt, end).toLowerCase(Locale.ROOT);
    return link.contains("canonical") || link.contains("image_src");
  }

  /**
   * The {@code >} that ends the tag whose attributes start at {@code from}, stepping over quoted attribute values
   * (an image's {@code data-image-description} may hold markup); -1 when the page ends first.
   */
  static int openTagEnd(String html, int from) {
    int i = from;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '>') {
        return i;
      }
      i++;
      if (c == '=') {
        while (i < html.length() && Character.isWhitespace(html.charAt(i))) {
          i++;
        }
        if (i < html.length() && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
          int close = html.indexOf(html.charAt(i), i + 1);
          if (close < 0) {
            return -1;
          }
          i = close + 1;
        }
      }
    }
    return -1;
  }

  private static boolean isNesting(String tag) {
    for (String t : NESTING) {
      if (t.equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** The tag name at {@code at} when it is one of the dropped elements (any case), else null. */
  private static String tagAt(String html, int at) {
    if (at >= html.length()) {
      return null;
    }
    char first = Character.toLowerCase(html.charAt(at));
    String tag = switch (first) {
      case 's' -> nameAt(html, at, "script", "style", "svg", "select", "source");
      case 'n' -> nameAt(html, at, "nav", "noscript");
      case 't' -> nameAt(html, at, "textarea", "template");
      case 'i' -> nameAt(html, at, "img", "iframe", "input");
      case 'l' -> nameAt(html, at, "link");
      default -> null;
    };
    return tag;
  }

  private static String nameAt(String html, int at, String... names) {
    for (String name : names) {
      int after = at + name.length();
      // the second letter first: most tags starting with the same letter (span, strong, section) differ there
      if (after < html.length() && Character.toLowerCase(html.charAt(at + 1)) == name.charAt(1)
          && html.regionMatches(true, at, name, 0, name.length())) {
        char c = html.charAt(after);
        if (c == '>' || c == '/' || Character.isWhitespace(c)) {
          return name;
        }
      }
    }
    return null;
  }

  /** The first {@code </tag} from {@code from}, any case, or -1. */
  private static int endTag(String html, String tag, int from) {
    for (int i = html.indexOf("</", from); i >= 0; i = html.indexOf("</", i + 2)) {
      if (html.regionMatches(true, i + 2, tag, 0, tag.length()) && isNameEnd(html, i + 2 + tag.length())) {
        return i;
      }
    }
    return -1;
  }

  /** The {@code </tag} that closes the element opened before {@code from}, counting nested ones, or -1. */
  private static int matchingEndTag(String html, String tag, int from) {
    int depth = 1;
    for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
      boolean closing = i + 1 < html.length() && html.charAt(i + 1) == '/';
      int name = closing ? i + 2 : i + 1;
      if (!html.regionMatches(true, name, tag, 0, tag.length()) || !isNameEnd(html, name + tag.length())) {
        continue;
      }
      if (closing && --depth == 0) {
        return i;
      }
      if (!closing) {
        depth++;
      }
    }
    return -1;
  }

  private static boolean isNameEnd(String html, int at) {
    if (at >= html.length()) {
      return true;
    }
    char c = html.charAt(at);
    return c == '>' || c == '/' || Character.isWhitespace(c);
  }
}
