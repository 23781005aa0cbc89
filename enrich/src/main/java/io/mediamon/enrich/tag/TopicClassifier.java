package io.mediamon.enrich.tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IPTC Media Topics at the top level and the level below, from one lexicon per language
 * ({@code topic-lexicons/<lang>.tsv}, seeded from IPTC's own names and definitions and grown from evidence). Each
 * lexicon term found in the text counts for its topic, and a second-level topic's hits count for its parent too; one
 * word counts once per topic. Terms are words and phrases, word starts ({@code wahl*}), word ends ({@code *tagswahl},
 * the head of a compound, not the bare word), or for Chinese and Japanese runs of characters within the text.
 *
 * <p>The top-level topic with the most hits is given when it has at least {@value #FIRST_MIN_HITS} hits from
 * {@value #MIN_TERMS} distinct terms; others when they also reach {@value #OTHER_MIN_HITS} hits and
 * {@value #OTHER_SHARE} of the first one given, at most {@value #MAX_TOP} in all. One second-level topic is given,
 * under the first top-level topic: its child with the most hits, when it has {@value #MIN_TERMS} distinct terms and
 * at least {@value #SECOND_MIN_HITS} hits, {@value #SECOND_MIN_TERMS} distinct terms or a phrase among them, and
 * {@value #SECOND_LEAD} times the hits of the runner-up among its siblings (second-level topics are where readers
 * disagree most: a clear lead is what keeps them right more than 7 times in 10). The score is the density (hits per
 * 100 words) scaled to [0, 1]. The thresholds were chosen on labelled articles (BENCHMARKS.md).
 */
public final class TopicClassifier {
  static final int FIRST_MIN_HITS = 2;
  static final int OTHER_MIN_HITS = 3;
  static final int MIN_TERMS = 2;
  static final double OTHER_SHARE = 0.3;
  static final int MAX_TOP = 3;
  static final int SECOND_MIN_HITS = 4;
  static final int SECOND_MIN_TERMS = 3;
  static final double SECOND_LEAD = 2.0;
  private static final int MIN_PREFIX = 4;
  /** The languages that have a lexicon. */
  public static final List<String> LANGUAGES =
      List.of("en", "fr", "de", "es", "pt", "it", "nl", "pl", "ru", "id", "zh", "ja");
  /**
   * Languages written without spaces between words: their text is matched character by character, so a lexicon term
   * is found where its characters stand in a row (战争 inside 内战争端 too: their terms are chosen for that), longest
   * match first, left to right, without overlaps.
   */
  static final Set<String> UNSPACED = Set.of("zh", "ja");
  private static final int MAX_UNSPACED_CHARACTERS = 12;
  private static final Pattern POSSESSIVE = Pattern.compile("(\\p{L}{2,})['’]s\\b");

  /** A lexicon term of one topic, and that topic's parent (null at the top level). */
  record Term(String code, String term, String parent) {}

  /** One topic given to a text. */
  public record Scored(String code, String label, int level, String parent, double score, int hits, String terms,
      int firstOffset) {}

  private final MediaTopics vocabulary;
  private final Map<String, PhraseDictionary<Term>> exact = new HashMap<>();
  /** The prefix and suffix terms of each language as looked up, built once all are read. */
  private final Map<String, AffixIndex<List<Term>>> prefixIndex = new HashMap<>();
  private final Map<String, AffixIndex<List<Term>>> suffixIndex = new HashMap<>();

  private TopicClassifier(MediaTopics vocabulary) {
    this.vocabulary = vocabulary;
  }

  public static TopicClassifier load() {
    TopicClassifier c = new TopicClassifier(MediaTopics.load());
    // prefix and suffix terms by language, gathered here and looked up through the indexes built from them
    Map<String, Map<String, List<Term>>> prefixes = new HashMap<>();
    Map<String, Map<String, List<Term>>> suffixes = new HashMap<>();
    for (String language : LANGUAGES) {
      String resource = "topic-lexicons/" + language + ".tsv";
      try (InputStream in = TopicClassifier.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          continue;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line; (line = reader.readLine()) != null; ) {
          n++;
          if (line.startsWith("#") || line.isBlank()) {
            continue;
          }
          String[] f = line.split("\t");
          if (f.length < 4) {
            throw new IllegalArgumentException(resource + ":" + n + ": expected code, label, language, terms");
          }
          MediaTopics.Topic topic = c.vocabulary.get(f[0]).orElseThrow(() ->
              new IllegalArgumentException(resource + ": " + f[0] + " is not an IPTC Media Topic"));
          if (!topic.inUse() || topic.level() > 2) {
            throw new IllegalArgumentException(resource + ": " + f[0] + " is retired or below level 2");
          }
          for (String raw : f[3].split(",")) {
            if (!raw.isBlank()) {
              c.addTerm(f[2].strip(), new Term(f[0], raw.strip(), topic.parent()), resource, prefixes, suffixes);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    prefixes.forEach((language, terms) -> c.prefixIndex.put(language, new AffixIndex<>(terms)));
    suffixes.forEach((language, terms) -> c.suffixIndex.put(language, new AffixIndex<>(terms)));
    return c;
  }

  private void addTerm(String language, Term term, String resource, Map<String, Map<String, List<Term>>> prefixes,
      Map<String, Map<String, List<Term>>> suffixes) {
    String t = term.term();
    if ((t.startsWith("*") || t.endsWith("*")) && t.strip().contains(" ")) {
      // a word start or end is one word's: a phrase with a * is read as the phrase as written
      t = t.replace("*", "").strip();
      term = new Term(term.code(), t, term.parent());
    }
    if (UNSPACED.contains(language) && (t.startsWith("*") || t.endsWith("*"))) {
      throw new IllegalArgumentException(resource + ": '" + t + "': terms of " + language + " match anywhere, no * needed");
    }
    if (t.startsWith("*")) {
      String suffix = Tokenizer.fold(t.substring(1));
      if (suffix.length() < MIN_PREFIX) {
        throw new IllegalArgumentException(resource + ": suffix term '" + t + "' is shorter than " + MIN_PREFIX + " letters");
      }
      suffixes.computeIfAbsent(language, l -> new HashMap<>()).computeIfAbsent(suffix, p -> new ArrayList<>()).add(term);
    } else if (t.endsWith("*")) {
      String prefix = Tokenizer.fold(t.substring(0, t.length() - 1));
      if (prefix.length() < MIN_PREFIX) {
        throw new IllegalArgumentException(resource + ": prefix term '" + t + "' is shorter than " + MIN_PREFIX + " letters");
      }
      prefixes.computeIfAbsent(language, l -> new HashMap<>()).computeIfAbsent(prefix, p -> new ArrayList<>()).add(term);
    } else if (UNSPACED.contains(language)) {
      exact.computeIfAbsent(language, l -> new PhraseDictionary<>(MAX_UNSPACED_CHARACTERS)).add(Tokenizer.spaced(t), term);
    } else {
      // the text's words lose a possessive 's (withoutPossessives): so do the lexicon's (women's rights)
      exact.computeIfAbsent(language, l -> new PhraseDictionary<>()).add(POSSESSIVE.matcher(t).replaceAll("$1"), term);
    }
  }

  /** Whether {@code language} has a lexicon. */
  public boolean knows(String language) {
    return language != null && (exact.containsKey(language) || prefixIndex.containsKey(language)
        || suffixIndex.containsKey(language));
  }

  /**
   * Topics of a text in {@code language}, top-level ones first; a language without a lexicon gets none rather than
   * guesses from another language's words.
   */
  public List<Scored> classify(List<Token> tokens, String language) {
    if (!knows(language)) {
      return List.of();
    }
    List<Token> words = words(tokens, language);
    return decide(tally(words, language), Math.max(1, words.size()));
  }

  /** Every topic the lexicon's terms point at, before the decision: what a reader checks a miss against. */
  String candidates(List<Token> tokens, String language) {
    if (!knows(language)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    tally(words(tokens, language), language).forEach((code, t) ->
        sb.append(code).append(' ').append(t.hits).append(" [").append(t.summary()).append("]; "));
    return sb.toString();
  }

  private Map<String, Tally> tally(List<Token> tokens, String language) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    // the topics a phrase counted for, at each of its words: a word start or end in it adds only other topics
    List<List<String>> byPhrase = null;
    PhraseDictionary<Term> phrases = exact.get(language);
    if (phrases != null) {
      for (var m : phrases.find(tokens, (term, ts) -> true)) {
        int start = tokens.get(m.from()).start();
        List<String> codes = new ArrayList<>(2);
        for (Term term : m.entries()) {
          hit(tallies, term, start, codes);
        }
        if (byPhrase == null) {
          byPhrase = new ArrayList<>(Collections.nCopies(tokens.size(), null));
        }
        for (int i = m.from(); i < m.to(); i++) {
          byPhrase.set(i, codes);
        }
      }
    }
    AffixIndex<List<Term>> byPrefix = prefixIndex.get(language);
    AffixIndex<List<Term>> bySuffix = suffixIndex.get(language);
    List<String> scratch = new ArrayList<>(4);
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.get(i).folded();
      if (word.length() < MIN_PREFIX) {
        continue;
      }
      int start = tokens.get(i).start();
      List<String> codes;
      if (byPhrase != null && byPhrase.get(i) != null) {
        codes = new ArrayList<>(byPhrase.get(i)); // each word of the phrase on its own from here
      } else {
        codes = scratch;
        scratch.clear();
      }
      List<Term> started = byPrefix == null ? null : byPrefix.longestPrefix(word, MIN_PREFIX, word.length());
      if (started != null) {
        for (Term term : started) {
          hit(tallies, term, start, codes);
        }
      }
      // the head of a compound is its last part (Bundestagswahl, Bürgerkrieg): a suffix term names it, the word's
      // start may name another topic; a suffix is never the whole word
      List<Term> ended = bySuffix == null ? null : bySuffix.longestSuffix(word, MIN_PREFIX, word.length() - 1);
      if (ended != null) {
        for (Term term : ended) {
          hit(tallies, term, start, codes);
        }
      }
    }
    return tallies;
  }

  /** The units a lexicon of {@code language} is matched against: characters for zh and ja, else words. */
  private static List<Token> words(List<Token> tokens, String language) {
    return UNSPACED.contains(language) ? Tokenizer.characters(tokens) : withoutPossessives(tokens);
  }

  /** Words with a possessive 's (NASA's, Merkel’s) as the word itself: lexicons list the word. */
  private static List<Token> withoutPossessives(List<Token> tokens) {
    List<Token> out = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      String f = t.folded();
      if (f.length() > 3 && f.endsWith("'s")) {
        if (out == null) {
          out = new ArrayList<>(tokens);
        }
        out.set(i, new Token(t.text(), f.substring(0, f.length() - 2), t.start(), t.end(), t.sentenceStart()));
      }
    }
    return out == null ? tokens : out;
  }

  /**
   * A term's hit counts for its topic and, for a second-level topic, for its parent too; one word (or phrase) counts
   * once per topic, however many of its lexicon's lines or levels list it, and whether a phrase, its start or its end
   * matched ({@code counted}: the topics it counted for).
   */
  private void hit(Map<String, Tally> tallies, Term term, int offset, List<String> counted) {
    if (!counted.contains(term.code())) {
      counted.add(term.code());
      tallies.computeIfAbsent(term.code(), k -> new Tally()).hit(term.term(), offset);
    }
    String parent = term.parent();
    if (parent != null && !counted.contains(parent)) {
      counted.add(parent);
      tallies.computeIfAbsent(parent, k -> new Tally()).hit(term.term(), offset);
    }
  }

  private List<Scored> decide(Map<String, Tally> tallies, int words) {
    List<Map.Entry<String, Tally>> top = new ArrayList<>();
    List<Map.Entry<String, Tally>> second = new ArrayList<>();
    for (var e : tallies.entrySet()) {
      (vocabulary.get(e.getKey()).map(MediaTopics.Topic::level).orElse(1) == 1 ? top : second).add(e);
    }
    top.sort((a, b) -> b.getValue().hits - a.getValue().hits);
    List<Scored> result = new ArrayList<>();
    Map<String, Integer> givenTop = new LinkedHashMap<>();
    for (var e : top) {
      Tally t = e.getValue();
      boolean first = givenTop.isEmpty();
      // measured against the first topic given, not against a topic with more hits that was not given
      int best = first ? t.hits : givenTop.values().iterator().next();
      boolean enough = t.terms.size() >= MIN_TERMS && (first ? t.hits >= FIRST_MIN_HITS
          : t.hits >= OTHER_MIN_HITS && t.hits >= best * OTHER_SHARE);
      if (enough && givenTop.size() < MAX_TOP) {
        givenTop.put(e.getKey(), t.hits);
        result.add(scored(e.getKey(), t, words));
      }
    }
    second.sort((a, b) -> b.getValue().hits - a.getValue().hits);
    String main = result.isEmpty() ? null : result.get(0).code();
    Map.Entry<String, Tally> best = null;
    int runnerUp = 0;
    for (var e : second) {
      if (main == null || !main.equals(vocabulary.get(e.getKey()).map(MediaTopics.Topic::parent).orElse(null))) {
        continue;
      }
      if (best == null) {
        best = e;
      } else {
        runnerUp = e.getValue().hits;
        break;
      }
    }
    if (best != null && best.getValue().terms.size() >= MIN_TERMS
        && (best.getValue().hits >= SECOND_MIN_HITS || best.getValue().terms.size() >= SECOND_MIN_TERMS
            || best.getValue().phrase)
        && best.getValue().hits >= runnerUp * SECOND_LEAD) {
      result.add(scored(best.getKey(), best.getValue(), words));
    }
    return result;
  }

  private Scored scored(String code, Tally t, int words) {
    MediaTopics.Topic topic = vocabulary.get(code).orElseThrow();
    double density = t.hits * 100.0 / words;
    return new Scored(code, topic.label(), topic.level(), topic.parent(),
        Math.min(1.0, Math.round(density / 5.0 * 1000) / 1000.0), t.hits, t.summary(), t.firstOffset);
  }

  private static final class Tally {
    final Map<String, Integer> terms = new LinkedHashMap<>();
    int hits;
    int firstOffset = Integer.MAX_VALUE;

    /** Whether a term of several words is among the hits: a phrase says more than a word. */
    boolean phrase;

    void hit(String term, int offset) {
      hits++;
      phrase |= term.indexOf(' ') > 0;
      terms.merge(term, 1, Integer::sum);
      firstOffset = Math.min(firstOffset, offset);
    }

    String summary() {
      List<Map.Entry<String, Integer>> top = new ArrayList<>(terms.entrySet());
      top.sort((a, b) -> b.getValue() - a.getValue());
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < Math.min(6, top.size()); i++) {
        sb.append(i == 0 ? "" : ", ").append(top.get(i).getKey()).append('×').append(top.get(i).getValue());
      }
      return sb.toString();
    }
  }
}
