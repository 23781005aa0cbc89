package io.mediamon.enrich.dedup;

import io.mediamon.enrich.tag.Tokenizer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * MinHash signatures over word 3-shingles of the folded text, cut into LSH bands. Two texts share a band value
 * with probability s^ROWS per band for Jaccard similarity s, so with 16 bands of 4 rows a pair at s = 0.6 meets in
 * at least one band 88 % of the time, at s = 0.8 99.9 %, at s = 0.3 12 %; the estimated similarity over the whole
 * signature then decides.
 */
public final class MinHasher {
  public static final int HASHES = 64;
  public static final int ROWS = 4;
  public static final int BANDS = HASHES / ROWS;
  /** Shorter texts give too few shingles for a meaningful estimate; they are left to exact dedup. */
  public static final int MIN_WORDS = 40;
  private static final int SHINGLE = 3;
  private static final long[] SEEDS = seeds();

  private MinHasher() {}

  /** Whether a text has enough words for near-duplicate detection; a cheap scan, no tokenising. */
  public static boolean hasEnoughWords(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length() && words < MIN_WORDS; i++) {
      boolean letter = Character.isLetterOrDigit(text.charAt(i));
      if (letter && !inWord) {
        words++;
      }
      inWord = letter;
    }
    return words >= MIN_WORDS;
  }

  /** The signature of a text (all positions at their maximum for a text of fewer than three words). */
  public static int[] signature(String text) {
    List<String> words = new ArrayList<>();
    Tokenizer.tokenize(text).forEach(t -> words.add(t.folded()));
    int[] mins = new int[HASHES];
    java.util.Arrays.fill(mins, Integer.MAX_VALUE);
    for (int i = 0; i + SHINGLE <= words.size(); i++) {
      long base = fnv(words.get(i), fnv(words.get(i + 1), fnv(words.get(i + 2), 0xcbf29ce484222325L)));
      for (int h = 0; h < HASHES; h++) {
        int v = (int) (mix(base ^ SEEDS[h]) >>> 33);
        if (v < mins[h]) {
          mins[h] = v;
        }
      }
    }
    return mins;
  }

  /** Estimated Jaccard similarity: the share of positions where the signatures agree. */
  public static double similarity(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < HASHES; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / HASHES;
  }

  /** The key of band {@code band}: its index and a hash of its rows. */
  public static String bandKey(int[] signature, int band) {
    long h = 0x9E3779B97F4A7C15L * (band + 1);
    for (int r = 0; r < ROWS; r++) {
      h = mix(h ^ signature[band * ROWS + r]);
    }
    return "b" + band + ":" + Long.toHexString(h);
  }

  public static byte[] toBytes(int[] signature) {
    ByteBuffer buffer = ByteBuffer.allocate(signature.length * 4);
    for (int v : signature) {
      buffer.putInt(v);
    }
    return buffer.array();
  }

  public static int[] fromBytes(ByteBuffer bytes) {
    ByteBuffer b = bytes.duplicate();
    int[] signature = new int[b.remaining() / 4];
    for (int i = 0; i < signature.length; i++) {
      signature[i] = b.getInt();
    }
    return signature;
  }

  private static long fnv(String s, long h) {
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return (h ^ ' ') * 0x100000001b3L;
  }

  /** SplitMix64 finaliser: a cheap, well-mixed 64-bit hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static long[] seeds() {
    long[] seeds = new long[HASHES];
    long s = 0x5DEECE66DL;
    for (int i = 0; i < HASHES; i++) {
      s = mix(s + 0x9E3779B97F4A7C15L);
      seeds[i] = s;
    }
    return seeds;
  }
}
