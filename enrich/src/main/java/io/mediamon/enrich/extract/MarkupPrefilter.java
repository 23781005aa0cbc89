package io.mediamon.enrich.extract;

/**
 * Cuts from an HTML page, before it is parsed, the parts extraction would drop right after parsing: scripts,
 * style sheets, inline SVG and comments. On news pages these are about half of the characters (27 % scripts, 17 %
 * styles, 4 % SVG on the trafilatura corpus), and a scan for their end tags is far cheaper than tokenising them
 * into nodes that are then removed.
 *
 * <p>Kept: JSON-LD scripts (metadata and {@code articleBody}) and client-side templates (some themes ship the post
 * in one). An element ends where the HTML tokenizer would end it: a script or style at the first matching end
 * tag, whatever precedes it; a comment at the first {@code -->}. Unterminated ones run to the end of the page, as
 * they would in a browser.
 */
final class MarkupPrefilter {
  private static final String[] DROPPED = {"script", "style", "svg"};

  private MarkupPrefilter() {}

  static String strip(String html) {
    int lt = html.indexOf('<');
    if (lt < 0) {
      return html;
    }
    StringBuilder out = null;
    int copied = 0; // html[copied, lt) is still to be copied
    while (lt >= 0 && lt + 1 < html.length()) {
      int end = droppedPartEnd(html, lt);
      if (end < 0) {
        lt = html.indexOf('<', lt + 1);
        continue;
      }
      if (out == null) {
        out = new StringBuilder(html.length() / 2);
      }
      out.append(html, copied, lt);
      copied = end;
      lt = end < html.length() ? html.indexOf('<', end) : -1;
    }
    if (out == null) {
      return html;
    }
    out.append(html, copied, html.length());
    return out.toString();
  }

  /** Where the dropped element starting at {@code lt} ends (exclusive), or -1 when it is markup to keep. */
  private static int droppedPartEnd(String html, int lt) {
    if (html.startsWith("!--", lt + 1)) {
      if (html.startsWith(">", lt + 4) || html.startsWith("->", lt + 4)) {
        return html.indexOf('>', lt + 4) + 1; // "<!-->" and "<!--->" are complete empty comments
      }
      int close = html.indexOf("-->", lt + 4);
      return close < 0 ? html.length() : close + 3;
    }
    String tag = tagAt(html, lt + 1);
    if (tag == null) {
      return -1;
    }
    int openEnd = html.indexOf('>', lt);
    if (openEnd < 0) {
      return -1;
    }
    if ("script".equals(tag)) {
      String open = html.substring(lt, openEnd).toLowerCase(java.util.Locale.ROOT);
      if (open.contains("ld+json") || open.contains("text/template")) {
        return -1;
      }
    }
    if (html.charAt(openEnd - 1) == '/' && "svg".equals(tag)) {
      return openEnd + 1; // <svg ... />
    }
    int close = indexOfIgnoreCase(html, "</" + tag, openEnd + 1);
    if (close < 0) {
      return html.length();
    }
    int closeEnd = html.indexOf('>', close);
    return closeEnd < 0 ? html.length() : closeEnd + 1;
  }

  /** "script", "style" or "svg" when the tag name at {@code at} is one of them (any case), else null. */
  private static String tagAt(String html, int at) {
    char first = html.charAt(at);
    if (first != 's' && first != 'S') {
      return null;
    }
    for (String tag : DROPPED) {
      int after = at + tag.length();
      if (html.regionMatches(true, at, tag, 0, tag.length()) && after < html.length()) {
        char c = html.charAt(after);
        if (c == '>' || c == '/' || Character.isWhitespace(c)) {
          return tag;
        }
      }
    }
    return null;
  }

  private static int indexOfIgnoreCase(String html, String needle, int from) {
    for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
      if (html.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }
}
