package io.mediamon.enrich.tag;

/**
 * A word of the text with its character offset.
 *
 * @param text the word as written
 * @param folded lower-case, accents removed: the lookup form
 * @param start offset of the first character
 * @param end offset after the last character
 * @param sentenceStart true when the word opens a sentence (its capital says nothing)
 */
public record Token(String text, String folded, int start, int end, boolean sentenceStart) {
  public boolean capitalized() {
    return !text.isEmpty() && Character.isUpperCase(text.codePointAt(0));
  }

  /** Upper-case letters only, two to six: UE, ONU, NATO. */
  public boolean acronym() {
    if (text.length() < 2 || text.length() > 6) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isUpperCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
