package io.mediamon.enrich.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Removes what is not article text from a list of paragraphs: spam/SEO lines, navigation crumbs, share and
 * copyright footers, and read-more trailers in the major languages. Bare URLs are taken out of the text and
 * handed back as links, since they are references, not prose.
 */
public final class PlainTextCleaner {
  /** "Lire aussi", "Read more", "Lesen Sie auch", ... as a whole line or a line's lead-in. */
  private static final Pattern READ_MORE = Pattern.compile(
      "^(?:(?:à|a)\\s+lire\\s+(?:aussi|également|egalement)|lire\\s+(?:aussi|également|egalement|la\\s+suite|plus)"
          + "|voir\\s+aussi|sur\\s+le\\s+même\\s+sujet|read\\s+(?:more|also|next)|see\\s+also|related(?:\\s+(?:articles?|stories|content))?"
          + "|more\\s+on\\s+this(?:\\s+story)?|recommended(?:\\s+for\\s+you)?|lesen\\s+sie\\s+(?:auch|mehr)|mehr\\s+zum\\s+thema|auch\\s+interessant"
          + "|leer\\s+(?:más|mas|también|tambien)|lea\\s+(?:también|tambien)|te\\s+puede\\s+interesar|relacionad[oa]s?"
          + "|leia\\s+(?:também|tambem|mais)|veja\\s+(?:também|tambem)|saiba\\s+mais"
          + "|leggi\\s+(?:anche|tutto)|potrebbe\\s+interessarti|vedi\\s+anche"
          + "|ähnliche\\s+(?:beiträge|artikel)|empfohlene\\s+(?:beiträge|artikel)|weitere\\s+(?:beiträge|artikel)"
          + "|das\\s+könnte\\s+(?:sie|dich)\\s+auch\\s+interessieren|lust\\s+auf\\s+mehr"
          + "|you\\s+(?:may|might)\\s+also\\s+like|more\\s+stories|related\\s+posts|artículos\\s+relacionados"
          + "|articles\\s+similaires|vous\\s+aimerez\\s+aussi)\\s*[:.…>»?!-]*\\s*",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern FOOTER = Pattern.compile(
      "^(?:©|\\(c\\)\\s|copyright\\b|tous\\s+droits\\s+réservés|all\\s+rights\\s+reserved|todos\\s+los\\s+derechos"
          + "|alle\\s+rechte\\s+vorbehalten|todos\\s+os\\s+direitos|tutti\\s+i\\s+diritti"
          + "|partager(?:\\s+(?:sur|cet\\s+article))?\\s*:?$|share(?:\\s+(?:this|on))?\\b.{0,30}$|teilen\\s*:?$|compartir\\s*:?$|compartilhe\\s*:?$|condividi\\s*:?$"
          + "|follow\\s+us\\b|suivez[- ]nous\\b|folgen\\s+sie\\s+uns\\b|síguenos\\b|siga-nos\\b|seguici\\b)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /**
   * A page's calls to action and labels around the article, as a short line's lead-in: comment prompts, rating
   * and newsletter prompts, "posted in" and "updated on" lines, picture credits. Major languages of the corpora.
   */
  private static final Pattern PAGE_PROMPT = Pattern.compile(
      "^(?:kommentieren$|keine\\s+kommentare|no\\s+comments|leave\\s+a\\s+(?:comment|reply)|sie\\s+müssen\\s+sich"
          + "\\s+(?:einloggen|anmelden)|you\\s+must\\s+be\\s+logged\\s+in|sie\\s+sind\\s+(?:aktuell\\s+)?nicht\\s+eingeloggt"
          + "|(?:dieser|der)\\s+artikel\\s+gefällt\\s+ihnen|war\\s+(?:der|dieser)\\s+(?:artikel|beitrag)\\s+(?:nützlich|hilfreich)"
          + "|wie\\s+bewerten\\s+sie|was\\s+this\\s+(?:article|post)\\s+helpful|rate\\s+this\\s+(?:article|post)"
          + "|if\\s+you\\s+enjoyed\\s+(?:reading\\s+)?this|never\\s+miss\\b|subscribe\\s+(?:now|to\\s+our)|sign\\s+up\\s+for\\s+our"
          + "|jetzt\\s+abonnieren|newsletter\\s+abonnieren|abonnez-vous|suscríbete|this\\s+entry\\s+was\\s+posted"
          + "|last\\s+(?:modified|updated)\\s*:|zuletzt\\s+aktualisiert|aktualisiert\\s+am\\b|titelbild\\s*:|beitragsbild\\b"
          + "|bildquelle\\s*:|photo\\s+credits?\\s*:|crédits?\\s+photos?\\s*:|credit\\s*:"
          // disclaimers, donation and app prompts
          + "|alle\\s+angaben\\s+ohne\\s+gewähr|bei\\s+den\\s+(?:verlinkungen|links)\\s+handelt\\s+es\\s+sich"
          + "|this\\s+(?:post|article)\\s+contains\\s+(?:affiliate|references)|jede\\s+(?:kleine\\s+)?spende"
          + "|support\\s+(?:us|our\\s+journalism)\\b|unterstützen\\s+sie\\s+(?:uns|unsere)|gefällt\\s+(?:dir|ihnen)\\s+"
          + "(?:unser|dieser|der)|bitte\\s+registrieren\\s+sie\\s+sich|download\\s+(?:the|our)\\s+.{0,40}\\bapps?\\b"
          + "|for\\s+the\\s+latest\\s+(?:stories|news)|we\\s+want\\s+to\\s+hear\\s+what\\s+you\\s+think"
          + "|you\\s+can\\s+(?:keep\\s+up\\s+with|follow)\\s+me|weitere\\s+informationen\\s*:?$)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern CRUMB_SEPARATOR = Pattern.compile("\\s(?:>|»|›|\\||/|::)\\s");
  private static final Pattern BARE_URL = Pattern.compile("^(?:https?://|www\\.)\\S+$", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL_IN_TEXT = Pattern.compile("https?://[^\\s<>\"')\\]]+", Pattern.CASE_INSENSITIVE);

  /** The cleaned paragraphs and the links found on the way. */
  public record Cleaned(List<String> paragraphs, List<String> links) {}

  /** Cleans paragraphs in reading order. */
  public Cleaned clean(List<String> paragraphs) {
    List<String> kept = new ArrayList<>();
    List<String> links = new ArrayList<>();
    boolean inTrailer = false;
    for (String raw : paragraphs) {
      String p = raw.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (p.contains("http") || p.contains("HTTP") || p.contains("Http")) { // a cheap test before the search
        URL_IN_TEXT.matcher(p).results().forEach(r -> links.add(trimUrl(r.group())));
      }
      if (BARE_URL.matcher(p).matches() || isSpam(p) || isCrumb(p) || FOOTER.matcher(p).lookingAt()
          || (PAGE_PROMPT.matcher(p).lookingAt() && wordCount(p) <= 25)) {
        continue;
      }
      var readMore = READ_MORE.matcher(p);
      if (readMore.lookingAt() && (readMore.end() == p.length() || wordCount(p) <= 20)) {
        // the marker and the short teaser lines that follow it are a related-articles block
        inTrailer = true;
        continue;
      }
      if (inTrailer && wordCount(p) < 15 && !endsLikeSentence(p)) {
        continue;
      }
      inTrailer = false;
      kept.add(p);
    }
    return new Cleaned(List.copyOf(kept), List.copyOf(links));
  }

  /**
   * A spam/SEO line: one short phrase repeated ("moov portabilité moov portabilité …"), or keyword stuffing where
   * few distinct words make up a long line.
   */
  static boolean isSpam(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    if (endsLikeSentence(line) && !firstWordRecurs(lower)) {
      return false; // the usual paragraph: not stuffing (that never ends a sentence), and no phrase repeats
    }
    String[] words = words(lower);
    if (words.length < 4) {
      return false;
    }
    for (int n = 1; n <= Math.min(5, words.length / 2); n++) {
      if (words.length % n == 0 && repeats(words, n)) {
        return true;
      }
    }
    return words.length >= 8 && !endsLikeSentence(line) && new HashSet<>(List.of(words)).size() * 3 <= words.length;
  }

  /**
   * Whether the line's first word comes again among its next five: a line made of one phrase of up to five words,
   * repeated, always has it there, and ordinary prose almost never does.
   */
  private static boolean firstWordRecurs(String line) {
    String first = null;
    int start = -1;
    int seen = 0;
    for (int i = 0; i <= line.length() && seen <= 5; i++) {
      boolean separator = i == line.length() || isWordSeparator(line.charAt(i));
      if (separator && start >= 0) {
        if (first == null) {
          first = line.substring(start, i);
        } else if (i - start == first.length() && line.startsWith(first, start)) {
          return true;
        }
        seen++;
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return false;
  }

  private static boolean isWordSeparator(char c) {
    return Character.isWhitespace(c) || c == ',' || c == ';' || c == '|' || c == '·';
  }

  /** The line's words between spaces and list punctuation (, ; | ·); every paragraph passes here. */
  private static String[] words(String line) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= line.length(); i++) {
      char c = i < line.length() ? line.charAt(i) : ' ';
      boolean separator = isWordSeparator(c);
      if (separator && start >= 0) {
        words.add(line.substring(start, i));
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return words.toArray(new String[0]);
  }

  private static boolean repeats(String[] words, int n) {
    for (int i = n; i < words.length; i++) {
      if (!words[i].equals(words[i % n])) {
        return false;
      }
    }
    return true;
  }

  /** "Accueil > Monde > Afrique", "Home | News | World": short segments between separators, no sentence. */
  static boolean isCrumb(String line) {
    if (line.length() > 150 || endsLikeSentence(line)) {
      return false;
    }
    String[] parts = CRUMB_SEPARATOR.split(line);
    if (parts.length < 3) {
      return false;
    }
    for (String part : parts) {
      if (wordCount(part) > 4) {
        return false;
      }
    }
    return true;
  }

  /**
   * Words in a text. Scripts written without spaces (Chinese, Japanese, Thai, Korean in part) count one word per two
   * characters, so their paragraphs weigh like other languages' instead of counting as one word.
   */
  static int wordCount(String s) {
    int words = 0;
    int unspaced = 0;
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isUnspacedScript(c)) {
        unspaced++;
        inWord = false;
      } else if (Character.isWhitespace(c)) {
        inWord = false;
      } else if (!inWord) {
        words++;
        inWord = true;
      }
    }
    return words + (unspaced + 1) / 2;
  }

  static boolean isUnspacedScript(char c) {
    if (c < '\u0e00' || c >= '\u0e80' && c < '\u1100' || c >= '\u1200' && c < '\u2e80') {
      // Latin, Greek, Cyrillic, Arabic, Indic… below Thai; Lao to Georgian; Ethiopic to the punctuation and symbols
      // below the CJK radicals (curly quotes and dashes are in every paragraph): none of these scripts
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
        || script == Character.UnicodeScript.HANGUL;
  }

  /** Words that make a paragraph prose on their own, and the fewest that do when it ends like a sentence. */
  static final int PROSE_WORDS = 25;
  static final int SENTENCE_WORDS = 8;

  /**
   * The prose rule both extractors apply: a paragraph is article prose when it is long, or shorter but a sentence
   * (a menu item, a caption or a byline is neither).
   */
  static boolean isProse(int words, boolean sentence) {
    return words >= PROSE_WORDS || (words >= SENTENCE_WORDS && sentence);
  }

  /** Characters a sentence ends with, closing quotes and brackets included, in Latin and CJK scripts. */
  static final String SENTENCE_ENDS = ".!?…»\"”)。！？」";
  /**
   * What a block of a page may end with and still be a sentence: also a colon or semicolon, since a page's paragraph
   * that introduces a quotation or a list is prose, where a plain-text line ending so is not a finished one.
   */
  static final String BLOCK_SENTENCE_ENDS = SENTENCE_ENDS + ":;";

  static boolean endsLikeSentence(String s) {
    String t = s.strip();
    return !t.isEmpty() && SENTENCE_ENDS.indexOf(t.charAt(t.length() - 1)) >= 0;
  }

  private static String trimUrl(String url) {
    // a sentence's full stop or comma is not part of the link
    return url.replaceAll("[.,;:!?]+$", "");
  }
}
