package io.mediamon.enrich.dedup;

import io.mediamon.enrich.tag.Token;
import io.mediamon.enrich.tag.Tokenizer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Signatures that survive translation. Word shingles cannot match a copy in another language, but a translation
 * keeps a text's anchors: its numbers, and its names, in nearly the same order. An anchor is a number (its leading
 * digits: "1,500" and "1.500" both give 1 and 500) or a capitalised word that does not open a sentence, folded and cut
 * to its first three letters, so that cognates meet (Europe and Europa, Commission and Comisión, London and
 * Londres). Words one language capitalises and the other does not (November, noviembre) only add noise.
 *
 * <p>Like {@link MinHasher}: 64 MinHash values, here over pairs of nearby anchors (the order is what tells a
 * translation from another article naming the same people), a quarter of them per quarter of the text, then
 * {@link #BANDS} bands over single anchors, which a translation shares far more often than pairs. A band has two rows
 * (the smallest anchor under each of two functions): anchors are few (three-letter prefixes, small numbers), so with
 * one row every bucket would be keyed by a prefix or number that thousands of documents a week share, and a bucket
 * keeps 8 stories; pairs of them are specific. Band keys carry band numbers from {@link #FIRST_BAND}, so the two kinds
 * share the band store, never a bucket.
 *
 * <p>A copy needs an estimated similarity of {@link #THRESHOLD}, spread over the text ({@link #isCopy}). On the
 * labelled set (BENCHMARKS.md), a Spanish machine translation and its English original have a median estimated
 * similarity of 0.31; no two distinct articles are judged copies, nor are 17 pairs of distinct articles on one
 * subject.
 */
public final class CrossLanguageSigner {
  /**
   * Two-row bands over single anchors; each is one more band member per document. With 4, 99 of the 117 signable
   * labelled translations shared a band with their original; with 8, 113.
   */
  public static final int BANDS = 8;
  /**
   * Estimated Jaccard similarity over anchor pairs at which two texts in different languages are copies: 8 of the 64
   * values agree. A low bar, safe only because stored sketches are {@link #SKETCH_BITS} wide (strangers then agree on
   * a value by chance one time in 256) and because the agreement must be spread over the text.
   */
  public static final double THRESHOLD = 0.12;
  /**
   * Bits of each value an anchor band member keeps: 64 bytes. At the word bands' 4 bits, two strangers agree on 4 of
   * the 64 values by chance on average, and an estimate of 0.12 needs 12: across tens of thousands of comparisons in
   * full buckets, strangers got there. At 8 bits a comparison agrees on a quarter of a value by chance, and 0.12
   * needs 8.
   */
  public static final int SKETCH_BITS = 8;
  /**
   * The band number of the first anchor band, in the band key's first byte: after the word bands', with room for
   * more of them, so that neither kind's keys move when the other's band count changes.
   */
  public static final int FIRST_BAND = 16;
  /** Fewer anchor pairs than this say too little: the text is left to the word signature alone. */
  public static final int MIN_PAIRS = 8;
  private static final int PREFIX = 3;
  /**
   * The 64 values are 4 groups of 16, each over the pairs of one quarter of the text, so that the estimate compares
   * quarter with quarter. A translation keeps its paragraphs in order and shares anchors in every quarter; two
   * texts that share one paragraph's names and numbers (two reports of one match) share them in one quarter at
   * most, and where it lies in each.
   */
  private static final int SEGMENTS = 4;
  private static final int PER_SEGMENT = MinHasher.HASHES / SEGMENTS;
  /** Quarters that must agree on a value at least once, and quarters that must agree at least twice. */
  private static final int QUARTERS_AGREEING = 3;
  private static final int QUARTERS_AGREEING_TWICE = 2;
  private static final int PAIR_REACH = 2;
  /** The rows' hash functions: the band functions from the fifth on, as when there were four word bands. */
  private static final int ROW_FUNCTIONS = 4;

  private CrossLanguageSigner() {}

  /**
   * The anchor signature of a text: {@link MinHasher#HASHES} values over anchor pairs, then the {@link #BANDS} band
   * values; the shingle count is the number of distinct pairs, below {@link #MIN_PAIRS} when the text cannot be signed.
   */
  public static MinHasher.Signature sign(String text) {
    List<String> anchors = anchors(text);
    int[] mins = new int[MinHasher.HASHES + BANDS];
    Arrays.fill(mins, Integer.MAX_VALUE);
    // two rows per band: the smallest anchor under each of two functions
    int[] rows = new int[2 * BANDS];
    Arrays.fill(rows, Integer.MAX_VALUE);
    Set<Long> singles = new HashSet<>();
    Set<Long> pairs = new HashSet<>();
    int[] segmentPairs = new int[SEGMENTS];
    for (int i = 0; i < anchors.size(); i++) {
      long single = MinHasher.fnv(anchors.get(i), MinHasher.FNV_OFFSET);
      if (singles.add(single)) {
        for (int r = 0; r < rows.length; r++) {
          rows[r] = Math.min(rows[r], MinHasher.bandValue(single, ROW_FUNCTIONS + r));
        }
      }
      int segment = (int) ((long) i * SEGMENTS / anchors.size());
      // each anchor with the next and the one after: a name the translator rendered otherwise breaks no pair twice
      for (int next = i + 1; next <= i + PAIR_REACH && next < anchors.size(); next++) {
        long pair = MinHasher.fnv(anchors.get(next), single);
        if (pairs.add(pair)) {
          segmentPairs[segment]++;
          lower(mins, segment, pair);
        }
      }
    }
    // a quarter without pairs of its own (a short text) takes the whole text's, or two such texts would agree on
    // all its values, left at their maximum
    for (int segment = 0; segment < SEGMENTS; segment++) {
      if (segmentPairs[segment] == 0) {
        for (long pair : pairs) {
          lower(mins, segment, pair);
        }
      }
    }
    for (int b = 0; b < BANDS; b++) {
      mins[MinHasher.HASHES + b] = MinHasher.bandValue(((long) rows[2 * b] << 32) | rows[2 * b + 1], b);
    }
    return new MinHasher.Signature(mins, pairs.size());
  }

  /** Takes a pair into the minimums of one quarter's values. */
  private static void lower(int[] mins, int segment, long pair) {
    for (int h = segment * PER_SEGMENT; h < (segment + 1) * PER_SEGMENT; h++) {
      mins[h] = Math.min(mins[h], MinHasher.value(pair, h));
    }
  }

  /** Whether a signature has enough anchor pairs to be compared across languages. */
  public static boolean signable(MinHasher.Signature signature) {
    return signature.shingles() >= MIN_PAIRS;
  }

  /** The key of anchor band {@code band}; band numbers start at {@link #FIRST_BAND}. */
  public static byte[] bandKey(int[] signature, int band) {
    return MinHasher.bandKey(FIRST_BAND + band, signature[MinHasher.HASHES + band]);
  }

  /** A member's sketch as the band store keeps it: {@link #SKETCH_BITS} bits per value. */
  public static byte[] sketch(int[] signature) {
    return MinHasher.compact(signature, SKETCH_BITS);
  }

  /**
   * Whether a probe's signature and a member's sketch are copies across languages: the estimate at
   * {@link #THRESHOLD}, with values agreeing in at least three quarters of the text, twice in at least two. A
   * translation shares anchors all through; documents sharing a paragraph's names and numbers share them in one
   * quarter. In a replay of 20,000 generated documents it removed the 10 matches between strangers that the
   * estimate let through, at the price of 2 of 117 labelled translations.
   */
  public static boolean isCopy(int[] signature, ByteBuffer sketch) {
    long agreeing = MinHasher.agreements(signature, sketch);
    if (MinHasher.similarity(Long.bitCount(agreeing), MinHasher.bits(sketch)) < THRESHOLD) {
      return false;
    }
    int once = 0;
    int twice = 0;
    for (int segment = 0; segment < SEGMENTS; segment++) {
      int inSegment = Long.bitCount(agreeing >>> (segment * PER_SEGMENT) & ((1L << PER_SEGMENT) - 1));
      once += inSegment >= 1 ? 1 : 0;
      twice += inSegment >= 2 ? 1 : 0;
    }
    return once >= QUARTERS_AGREEING && twice >= QUARTERS_AGREEING_TWICE;
  }

  /** The anchors of a text in order: numbers as "#" and their digits, names as their first three folded letters. */
  public static List<String> anchors(String text) {
    return Tokenizer.tokenize(text).stream().map(CrossLanguageSigner::anchor).filter(a -> a != null).toList();
  }

  private static String anchor(Token token) {
    String word = token.text();
    if (Character.isDigit(word.charAt(0))) {
      int end = 1;
      while (end < word.length() && Character.isDigit(word.charAt(end))) {
        end++;
      }
      return "#" + word.substring(0, end);
    }
    if (!token.capitalized() || token.sentenceStart() || word.codePointCount(0, word.length()) < PREFIX) {
      return null;
    }
    String folded = token.folded();
    int letters = Math.min(PREFIX, folded.codePointCount(0, folded.length()));
    return folded.substring(0, folded.offsetByCodePoints(0, letters));
  }
}
