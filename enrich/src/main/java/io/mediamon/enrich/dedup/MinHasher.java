package io.mediamon.enrich.dedup;

import io.mediamon.enrich.tag.Tokenizer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * MinHash signatures: 64 values over word 3-shingles of the folded text, for the similarity estimate, then 6 values
 * over word 5-shingles, the LSH bands (one row each). Two texts share a band value when their smallest 5-shingle
 * under that hash is the same one, which happens with probability s for their 5-shingle Jaccard similarity s, so a
 * copy with 5 % of its words edited (s about 0.63) misses all six bands 0.3 % of the time, and all four 2 %. The
 * estimate over the 64 values then decides: Jaccard, or containment of the shorter text in the longer. One-row bands
 * need far fewer band entries than the sixteen two-row bands of the first 0.1.0 builds for about the same recall on the labelled
 * syndication set (BENCHMARKS.md), and band entries are most of dedup's state; six rather than four found 5 more of
 * its 472 copies (edited or cut short, sharing no band with their original), for two more band members per document.
 */
public final class MinHasher {
  public static final int HASHES = 64;
  public static final int BANDS = 6;
  /**
   * Bits of each MinHash value a band store keeps (b-bit minwise hashing): 64 values in 32 bytes. Three bits kept
   * the labelled set's recall and precision, but on a million documents whose buckets are crowded with strangers
   * they judged 3 originals DUPLICATE where four bits judged none (BENCHMARKS.md): a stranger agrees on a 3-bit value
   * one time in eight, and the 0.25 containment floor is then 5.3 standard deviations of the estimate away instead
   * of 7.8. A false DUPLICATE costs a newsroom the alert for a new story; 8 bytes per band member is the lesser cost.
   */
  public static final int COMPACT_BITS = 4;
  /**
   * Below this estimated Jaccard similarity, containment is not trusted: with very unequal sizes the containment
   * estimate multiplies the noise of a small Jaccard estimate (chance agreement of 4-bit values alone), and a text
   * under a quarter of another's length is an excerpt, not a copy.
   */
  public static final double CONTAINMENT_FLOOR = 0.25;
  /** Shorter texts give too few shingles for a meaningful estimate; they are left to exact dedup. */
  public static final int MIN_WORDS = 40;
  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final int SHINGLE = 3;
  /**
   * Bands are MinHash values over word 5-shingles: with one row, two texts share a band when they share its smallest
   * shingle, and a 3-word shingle ("said in a", "the united states") is shared by thousands of unrelated articles a
   * week, which would fill those buckets with strangers. Five words in a row are seldom shared but by copies.
   */
  private static final int BAND_SHINGLE = 5;
  private static final long BAND_SALT = 0x5bd1e9955bd1e995L;
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
    int[] mins = new int[HASHES + BANDS];
    java.util.Arrays.fill(mins, Integer.MAX_VALUE);
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int i = 0; i + SHINGLE <= words.size(); i++) {
      long base = fnv(words.get(i), fnv(words.get(i + 1), fnv(words.get(i + 2), FNV_OFFSET)));
      if (i + BAND_SHINGLE <= words.size()) {
        long band = fnv(words.get(i + 3), fnv(words.get(i + 4), base));
        for (int b = 0; b < BANDS; b++) {
          int v = bandValue(band, b);
          if (v < mins[HASHES + b]) {
            mins[HASHES + b] = v;
          }
        }
      }
      if (!distinct.add(base)) {
        continue;
      }
      for (int h = 0; h < HASHES; h++) {
        int v = value(base, h);
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
   * The signature as a band store keeps it: the low {@link #COMPACT_BITS} bits of each value (b-bit minwise hashing,
   * Li and König 2010), packed, instead of 256 bytes. Two documents then also agree on a position by chance, with
   * probability 2^-b, which {@link #similarity(int[], ByteBuffer)} corrects for.
   */
  public static byte[] compact(int[] signature) {
    return compact(signature, COMPACT_BITS);
  }

  /** As {@link #compact(int[])} with {@code bits} bits per value (1 to 8). */
  public static byte[] compact(int[] signature, int bits) {
    byte[] packed = new byte[(HASHES * bits + 7) / 8];
    for (int i = 0; i < HASHES; i++) {
      int value = signature[i] & ((1 << bits) - 1);
      for (int b = 0; b < bits; b++) {
        if ((value >> b & 1) != 0) {
          int at = i * bits + b;
          packed[at / 8] |= (byte) (1 << (at % 8));
        }
      }
    }
    return packed;
  }

  /** Estimated Jaccard similarity of a full signature and a compact one, corrected for chance agreement. */
  public static double similarity(int[] full, byte[] compact) {
    return similarity(full, ByteBuffer.wrap(compact));
  }

  /**
   * As {@link #similarity(int[], byte[])}, reading the compact signature where it lies. The bits per value follow
   * from its length, so sketches a store wrote with another width still compare right.
   */
  public static double similarity(int[] full, ByteBuffer compact) {
    return similarity(Long.bitCount(agreements(full, compact)), bits(compact));
  }

  /** Estimated Jaccard similarity from the number of agreeing values, corrected for chance agreement at that width. */
  static double similarity(int agreeing, int bits) {
    double chance = 1.0 / (1 << bits);
    return Math.max(0, ((double) agreeing / HASHES - chance) / (1 - chance));
  }

  /** Bits per value of a compact signature, from its length. */
  static int bits(ByteBuffer compact) {
    return compact.remaining() * 8 / HASHES;
  }

  /**
   * The positions where a full signature and a compact one agree, as the bits of a long (position i is bit i):
   * {@link #HASHES} is 64.
   */
  static long agreements(int[] full, ByteBuffer compact) {
    int at = compact.position();
    int bits = bits(compact);
    int mask = (1 << bits) - 1;
    long agreeing = 0;
    // the values are read off as a bit stream, lowest bits first, as compact() packed them
    int window = 0;
    int held = 0;
    for (int i = 0; i < HASHES; i++) {
      while (held < bits) {
        window |= (compact.get(at++) & 0xFF) << held;
        held += 8;
      }
      if ((full[i] & mask) == (window & mask)) {
        agreeing |= 1L << i;
      }
      window >>>= bits;
      held -= bits;
    }
    return agreeing;
  }

  /**
   * Whether two texts are copies: estimated Jaccard similarity at the threshold, or the shorter one contained in the
   * longer at the containment threshold (a copy cut short), given enough similarity to trust that estimate.
   */
  public static boolean isCopy(double jaccard, int shinglesA, int shinglesB, double threshold, double containment) {
    return jaccard >= threshold
        || (jaccard >= CONTAINMENT_FLOOR && containment(jaccard, shinglesA, shinglesB) >= containment);
  }

  /**
   * The key of band {@code band}: its index and its value, five bytes. A band is one MinHash value over 5-shingles,
   * kept after the 64 values over 3-shingles in the signature; already a well-mixed 32-bit hash.
   */
  public static byte[] bandKey(int[] signature, int band) {
    return bandKey(band, signature[HASHES + band]);
  }

  /** A band key: which band (one byte, so bands of different kinds never share a key) and its value. */
  static byte[] bandKey(int band, int value) {
    return ByteBuffer.allocate(5).put((byte) band).putInt(value).array();
  }

  /** Position {@code h} of a signature: the hash of a shingle under that position's hash function. */
  static int value(long shingle, int h) {
    return (int) (mix(shingle ^ SEEDS[h]) >>> 33);
  }

  /** Band {@code b}: the hash of a band shingle, under a function none of the 64 positions uses. */
  static int bandValue(long shingle, int b) {
    return (int) (mix(shingle ^ SEEDS[b] ^ BAND_SALT) >>> 33);
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

  /** FNV-1a over the string, then a separator: a word's hash chained onto {@code h}. */
  static long fnv(String s, long h) {
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
