package io.mediamon.enrich.dedup;

import io.mediamon.enrich.tag.Tokenizer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * MinHash signatures (64 values) over word 3-shingles of the folded text; the first 32 values are cut into 16 LSH
 * bands of 2 rows. Two texts share a band value with probability s^2 per band for Jaccard similarity s, so a pair at
 * s = 0.4 meets in at least one band 94 % of the time and at s = 0.6 99.9 %: wide enough for a copy cut to half its
 * length. The estimate over all 64 values then decides: Jaccard, or containment of the shorter text in the longer
 * (BENCHMARKS.md: 16 x 2 bands with containment found 97.8 % of copies at precision 1.0, 16 x 4 without it 84 %).
 */
public final class MinHasher {
  public static final int HASHES = 64;
  public static final int ROWS = 2;
  public static final int BANDS = 16;
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

  /** A signature and the number of distinct shingles it was made from. */
  public record Signature(int[] values, int shingles) {}

  /** The signature of a text (all positions at their maximum for a text of fewer than three words). */
  public static int[] signature(String text) {
    return sign(text).values();
  }

  /** Signature and shingle count in one pass over the text. */
  public static Signature sign(String text) {
    List<String> words = new ArrayList<>();
    Tokenizer.tokenize(text).forEach(t -> words.add(t.folded()));
    int[] mins = new int[HASHES];
    java.util.Arrays.fill(mins, Integer.MAX_VALUE);
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int i = 0; i + SHINGLE <= words.size(); i++) {
      long base = fnv(words.get(i), fnv(words.get(i + 1), fnv(words.get(i + 2), 0xcbf29ce484222325L)));
      if (!distinct.add(base)) {
        continue;
      }
      for (int h = 0; h < HASHES; h++) {
        int v = (int) (mix(base ^ SEEDS[h]) >>> 33);
        if (v < mins[h]) {
          mins[h] = v;
        }
      }
    }
    return new Signature(mins, distinct.size());
  }

  /**
   * Estimated containment of the smaller text in the larger: |A∩B| / min(|A|, |B|), from the Jaccard estimate J and
   * the sizes, since |A∩B| = J (|A| + |B|) / (1 + J). A copy cut short is contained in its original even when
   * their Jaccard similarity is low.
   */
  public static double containment(double jaccard, int sizeA, int sizeB) {
    if (sizeA <= 0 || sizeB <= 0) {
      return 0;
    }
    double intersection = jaccard * (sizeA + sizeB) / (1 + jaccard);
    return Math.min(1.0, intersection / Math.min(sizeA, sizeB));
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

  /**
   * The signature as a band store keeps it: the low 8 bits of each value (b-bit minwise hashing, Li and König 2010),
   * 64 bytes instead of 256. Two documents then agree on a position by chance with probability 1/256 as well.
   */
  public static byte[] compact(int[] signature) {
    byte[] bits = new byte[signature.length];
    for (int i = 0; i < signature.length; i++) {
      bits[i] = (byte) signature[i];
    }
    return bits;
  }

  /** Estimated Jaccard similarity of a full signature and a compact one, corrected for chance agreement. */
  public static double similarity(int[] full, byte[] compact) {
    return similarity(full, ByteBuffer.wrap(compact));
  }

  /** As {@link #similarity(int[], byte[])}, reading the compact signature where it lies. */
  public static double similarity(int[] full, ByteBuffer compact) {
    int at = compact.position();
    int same = 0;
    for (int i = 0; i < HASHES; i++) {
      if ((byte) full[i] == compact.get(at + i)) {
        same++;
      }
    }
    double chance = 1.0 / 256;
    return Math.max(0, ((double) same / HASHES - chance) / (1 - chance));
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
