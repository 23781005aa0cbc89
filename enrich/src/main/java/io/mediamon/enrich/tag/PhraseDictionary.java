package io.mediamon.enrich.tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phrases (one to six words, or as many as the constructor says) mapped to entries, matched over a token list
 * longest-first. Keys are folded (case and accents removed); whether case matters is the entry's business, checked by
 * the caller on the surface form.
 */
public final class PhraseDictionary<E> {
  private final int maxWords;
  private final Map<String, List<E>> entries = new HashMap<>();
  /** Every key that begins a longer phrase ("coup", "coup d'etat" for "coup d'etat militaire"): where to look on. */
  private final java.util.Set<String> starts = new java.util.HashSet<>();
  private int longest = 1;

  /** Phrases of up to six words. */
  public PhraseDictionary() {
    this(6);
  }

  /** Phrases of up to {@code maxWords} words (characters, for text matched character by character). */
  public PhraseDictionary(int maxWords) {
    this.maxWords = maxWords;
  }

  public void add(String phrase, E entry) {
    String key = Tokenizer.key(phrase);
    if (key.isEmpty()) {
      return;
    }
    int words = key.split(" ").length;
    if (words > maxWords) {
      return;
    }
    longest = Math.max(longest, words);
    String[] parts = key.split(" ");
    StringBuilder start = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      start.append(i == 0 ? "" : " ").append(parts[i]);
      starts.add(start.toString());
    }
    List<E> list = entries.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (!list.contains(entry)) {
      list.add(entry);
    }
  }

  /** A match: tokens [from, to) and the entries of that phrase. */
  public record Match<E>(int from, int to, List<E> entries) {}

  /**
   * Longest matches, left to right, non-overlapping; {@code accept} decides whether an entry may match the given
   * tokens (case rules), and a phrase with no accepted entry does not match.
   */
  public List<Match<E>> find(List<Token> tokens, EntryFilter<E> accept) {
    List<Match<E>> result = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Match<E> best = null;
      // one word is the token's own folded string, whose hash is computed once for every dictionary; longer
      // phrases are built only while a phrase can still begin with the words so far
      String k = tokens.get(i).folded();
      for (int n = 1; n <= longest && i + n <= tokens.size(); n++) {
        if (n > 1) {
          k = k + ' ' + tokens.get(i + n - 1).folded();
        }
        List<E> candidates = entries.get(k);
        if (candidates != null) {
          List<E> accepted = new ArrayList<>();
          for (E e : candidates) {
            if (accept.test(e, tokens.subList(i, i + n))) {
              accepted.add(e);
            }
          }
          if (!accepted.isEmpty()) {
            best = new Match<>(i, i + n, accepted);
          }
        }
        if (!starts.contains(k)) {
          break; // no longer phrase begins with these words
        }
      }
      if (best != null) {
        result.add(best);
        i = best.to();
      } else {
        i++;
      }
    }
    return result;
  }

  /** Whether an entry may match these tokens. */
  @FunctionalInterface
  public interface EntryFilter<E> {
    boolean test(E entry, List<Token> tokens);
  }
}
