package io.mediamon.enrich.extract;

/** The white space rule of extraction: single inner spaces, no no-break or zero-width space. */
final class Whitespace {
  private Whitespace() {}

  static String normalize(String s) {
    if (isNormal(s)) {
      return s; // Jsoup's text() has already collapsed ordinary white space: the usual case
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** No white space but single inner spaces, and no no-break or zero-width space. */
  static boolean isNormal(String s) {
    char previous = ' ';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' ? previous == ' ' : isSpace(c)) {
        return false;
      }
      previous = c;
    }
    return previous != ' ' || s.isEmpty();
  }

  /** {@link Character#isWhitespace}, no-break space or zero-width space; letters are answered without a lookup. */
  static boolean isSpace(char c) {
    if (c > ' ' && c < '\u00a0') {
      return false;
    }
    return c == '\u00a0' || c == '\u200b' || Character.isWhitespace(c);
  }

}
