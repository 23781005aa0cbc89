package io.mediamon.enrich.tag;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words with offsets. Hyphenated words stay whole (États-Unis, Yunus-Bek); French and Italian elisions are split
 * off (l’Union → Union, d’Abidjan → Abidjan, dell’Italia → Italia).
 */
public final class Tokenizer {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:[-'’][\\p{L}\\p{M}\\p{N}]+)*");
  private static final Pattern ELISION = Pattern.compile("^(?i)(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all|un)['’]");

  private Tokenizer() {}

  public static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    int lastEnd = 0;
    boolean sentenceStart = true;
    while (m.find()) {
      if (!tokens.isEmpty() && endsSentence(text, lastEnd, m.start())) {
        sentenceStart = true;
      }
      String word = m.group();
      int start = m.start();
      Matcher elision = ELISION.matcher(word);
      if (elision.find() && elision.end() < word.length()) {
        start += elision.end();
        word = word.substring(elision.end());
      }
      tokens.add(new Token(word, fold(word), start, m.end(), sentenceStart));
      sentenceStart = false;
      lastEnd = m.end();
    }
    return tokens;
  }

  /** Sentence punctuation followed by a space, or a line break, between two words. */
  private static boolean endsSentence(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return true;
      }
      if ((c == '.' || c == '!' || c == '?' || c == '…' || c == ':') && i + 1 < to && Character.isWhitespace(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** Lower case without accents, apostrophes unified: the form dictionaries are keyed by. */
  public static String fold(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 128;
    }
    if (ascii) {
      // most words of most news text: no accents to strip, so no Unicode decomposition
      return s.toLowerCase(Locale.ROOT);
    }
    String lower = s.toLowerCase(Locale.ROOT).replace('’', '\'');
    if (hasUnspaced(s)) {
      // kana's voicing marks are combining marks: stripped, バス (bus) would read as ハス (lotus)
      return lower;
    }
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Tokens with every Han, Hiragana and Katakana character as a token of its own: Chinese and Japanese do not put
   * spaces between words, so a phrase of such characters is matched character by character. Other tokens are kept.
   */
  public static List<Token> characters(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size() * 2);
    for (Token t : tokens) {
      String w = t.text();
      if (!hasUnspaced(w)) {
        out.add(t);
        continue;
      }
      int run = -1;
      boolean first = t.sentenceStart();
      for (int i = 0; i < w.length(); ) {
        int cp = w.codePointAt(i);
        int next = i + Character.charCount(cp);
        if (unspaced(cp)) {
          if (run >= 0) {
            out.add(part(t, w, run, i, first));
            first = false;
            run = -1;
          }
          out.add(part(t, w, i, next, first));
          first = false;
        } else if (run < 0) {
          run = i;
        }
        i = next;
      }
      if (run >= 0) {
        out.add(part(t, w, run, w.length(), first));
      }
    }
    return out;
  }

  /** A phrase with a space between its Han, Hiragana and Katakana characters: the key {@link #characters} matches. */
  public static String spaced(String phrase) {
    StringBuilder sb = new StringBuilder();
    boolean lastUnspaced = false;
    for (int i = 0; i < phrase.length(); ) {
      int cp = phrase.codePointAt(i);
      boolean u = unspaced(cp);
      if ((u || lastUnspaced) && cp != ' ' && sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
        sb.append(' ');
      }
      sb.appendCodePoint(cp);
      lastUnspaced = u;
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  private static Token part(Token t, String w, int from, int to, boolean sentenceStart) {
    String text = w.substring(from, to);
    // a part is one Han or kana character, which has no case and no accent to fold, or a run of other letters
    String folded = unspaced(text.codePointAt(0)) ? text : fold(text);
    return new Token(text, folded, t.start() + from, t.start() + to, sentenceStart);
  }

  private static boolean hasUnspaced(String w) {
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c >= 0x3040 && (unspaced(c) || Character.isSurrogate(c))) {
        return true;
      }
    }
    return false;
  }

  private static boolean unspaced(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  /** The folded key of a phrase: its words folded, joined by one space. */
  public static String key(String phrase) {
    StringBuilder sb = new StringBuilder();
    for (Token t : tokenize(phrase)) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(t.folded());
    }
    return sb.toString();
  }
}
