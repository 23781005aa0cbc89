package io.mediamon.enrich.tag;

import java.util.Map;

/**
 * Terms by a word's prefix or suffix, looked up without cutting the word: a word of n letters is tried at every
 * length from the longest affix down, and a substring per length (hashed each time) was most of the topic
 * classifier's time on long German words. Here the affixes' hashes are built up letter by letter, as
 * {@link String#hashCode} would give them, and checked against an open-addressing table of the terms' keys.
 */
final class AffixIndex<V> {
  private final String[] keys;
  private final int[] hashes;
  private final Object[] values;
  private final int mask;
  private final int longest;

  AffixIndex(Map<String, V> byAffix) {
    int size = Integer.highestOneBit(Math.max(8, byAffix.size() * 2)) << 1;
    keys = new String[size];
    hashes = new int[size];
    values = new Object[size];
    mask = size - 1;
    int max = 0;
    for (Map.Entry<String, V> e : byAffix.entrySet()) {
      String key = e.getKey();
      int slot = slot(key.hashCode());
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      hashes[slot] = key.hashCode();
      values[slot] = e.getValue();
      max = Math.max(max, key.length());
    }
    longest = max;
  }

  /** The value of the word's longest prefix of {@code min} to {@code max} letters that is a key, or null. */
  V longestPrefix(String word, int min, int max) {
    int top = Math.min(Math.min(word.length(), max), longest);
    if (top < min) {
      return null;
    }
    int[] prefixHash = new int[top + 1];
    for (int i = 0; i < top; i++) {
      prefixHash[i + 1] = 31 * prefixHash[i] + word.charAt(i);
    }
    for (int len = top; len >= min; len--) {
      V v = find(word, 0, len, prefixHash[len]);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** The value of the word's longest suffix of {@code min} to {@code max} letters that is a key, or null. */
  V longestSuffix(String word, int min, int max) {
    int top = Math.min(Math.min(word.length(), max), longest);
    if (top < min) {
      return null;
    }
    // the hash of the last len letters, built from the end: each earlier letter weighs 31^(len - 1)
    int[] suffixHash = new int[top + 1];
    int power = 1;
    for (int len = 1; len <= top; len++) {
      suffixHash[len] = word.charAt(word.length() - len) * power + suffixHash[len - 1];
      power *= 31;
    }
    for (int len = top; len >= min; len--) {
      V v = find(word, word.length() - len, len, suffixHash[len]);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private V find(String word, int from, int len, int hash) {
    for (int slot = slot(hash); keys[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && keys[slot].length() == len && word.regionMatches(from, keys[slot], 0, len)) {
        return (V) values[slot];
      }
    }
    return null;
  }

  private int slot(int hash) {
    return (hash ^ (hash >>> 16)) * 0x9E3779B9 >>> 7 & mask;
  }
}
