package io.mediamon.enrich.tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IPTC Media Topics from multilingual lexicons ({@code topics.tsv}): each lexicon term found in the text counts
 * for its topic. A topic is given when it has at least {@value #MIN_HITS} hits from at least two distinct terms and
 * a density of at least {@value #MIN_DENSITY} hits per 100 words, so one passing word never makes a topic. The
 * score is the density scaled to [0, 1].
 */
public final class TopicClassifier {
  static final int MIN_HITS = 3;
  static final double MIN_DENSITY = 1.0;
  private static final int MAX_TOPICS = 4;
  private static final int MIN_PREFIX = 4;

  /** A lexicon term of one topic. */
  record Term(String code, String term) {}

  /** One topic given to a text. */
  public record Scored(String code, String label, double score, int hits, String terms, int firstOffset) {}

  private final Map<String, PhraseDictionary<Term>> exact = new HashMap<>();
  private final Map<String, Map<String, List<Term>>> prefixes = new HashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();

  public static TopicClassifier load() {
    TopicClassifier c = new TopicClassifier();
    try (InputStream in = TopicClassifier.class.getClassLoader().getResourceAsStream("topics.tsv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        c.labels.putIfAbsent(f[0], f[1]);
        for (String raw : f[3].split(",")) {
          c.addTerm(f[2], new Term(f[0], raw.strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read topics.tsv", e);
    }
    return c;
  }

  private void addTerm(String language, Term term) {
    String t = term.term();
    if (t.endsWith("*")) {
      String prefix = Tokenizer.fold(t.substring(0, t.length() - 1));
      if (prefix.length() < MIN_PREFIX) {
        throw new IllegalArgumentException("topics.tsv: prefix term '" + t + "' is shorter than " + MIN_PREFIX + " letters");
      }
      prefixes.computeIfAbsent(language, l -> new HashMap<>()).computeIfAbsent(prefix, p -> new ArrayList<>()).add(term);
    } else {
      exact.computeIfAbsent(language, l -> new PhraseDictionary<>()).add(t, term);
    }
  }

  /**
   * Topics of a text in {@code language}; a language without a lexicon gets none rather than guesses from another
   * language's words.
   */
  public List<Scored> classify(List<Token> tokens, String language) {
    if (language == null || (!exact.containsKey(language) && !prefixes.containsKey(language))) {
      return List.of();
    }
    Map<String, Tally> tallies = new LinkedHashMap<>();
    boolean[] used = new boolean[tokens.size()];
    PhraseDictionary<Term> phrases = exact.get(language);
    if (phrases != null) {
      for (var m : phrases.find(tokens, (term, ts) -> true)) {
        for (Term term : m.entries()) {
          tallies.computeIfAbsent(term.code(), k -> new Tally()).hit(term.term(), tokens.get(m.from()).start());
        }
        for (int i = m.from(); i < m.to(); i++) {
          used[i] = true;
        }
      }
    }
    Map<String, List<Term>> byPrefix = prefixes.getOrDefault(language, Map.of());
    for (int i = 0; i < tokens.size(); i++) {
      if (used[i]) {
        continue;
      }
      String word = tokens.get(i).folded();
      for (int len = Math.min(word.length(), 16); len >= MIN_PREFIX; len--) {
        List<Term> terms = byPrefix.get(word.substring(0, len));
        if (terms != null) {
          for (Term term : terms) {
            tallies.computeIfAbsent(term.code(), k -> new Tally()).hit(term.term(), tokens.get(i).start());
          }
          break;
        }
      }
    }
    double words = Math.max(1, tokens.size());
    List<Scored> result = new ArrayList<>();
    tallies.forEach((code, tally) -> {
      double density = tally.hits * 100.0 / words;
      if (tally.hits >= MIN_HITS && tally.terms.size() >= 2 && density >= MIN_DENSITY) {
        result.add(new Scored(code, labels.get(code), Math.min(1.0, Math.round(density / 5.0 * 1000) / 1000.0),
            tally.hits, tally.summary(), tally.firstOffset));
      }
    });
    result.sort((a, b) -> Double.compare(b.score(), a.score()));
    return result.size() > MAX_TOPICS ? result.subList(0, MAX_TOPICS) : result;
  }

  private static final class Tally {
    final Map<String, Integer> terms = new LinkedHashMap<>();
    int hits;
    int firstOffset = Integer.MAX_VALUE;

    void hit(String term, int offset) {
      hits++;
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
