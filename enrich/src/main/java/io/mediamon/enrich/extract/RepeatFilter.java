package io.mediamon.enrich.extract;

/**
 * The last pass: a long block that repeats text already kept is a copy (pages ship a second copy of the article, a
 * print or app version, or a teaser of the lead, inside the same container). One filter per page.
 */
final class RepeatFilter {
  /** Blocks this long that repeat kept text are copies, not a quotation or a recurring phrase. */
  private static final int REPEAT_CHARS = 150;
  /** Share of a block's four-word runs already kept that makes it a copy. */
  private static final double COPY_SHARE = 0.8;
  private final ShingleSet kept = new ShingleSet();

  /**
   * Whether a long block repeats text already kept: pages ship a second copy of the article (a print or app
   * version, a teaser of the lead) inside the same container.
   */
  boolean repeats(String text) {
    if (text.length() < REPEAT_CHARS) {
      return false;
    }
    long[] shingles = shingles(text);
    int seen = 0;
    for (long shingle : shingles) {
      if (kept.contains(shingle)) {
        seen++;
      }
    }
    if (shingles.length > 0 && seen >= COPY_SHARE * shingles.length) {
      return true; // the same text give or take a heading or caption: a copy
    }
    for (long shingle : shingles) {
      kept.add(shingle);
    }
    return false;
  }

  /** Hashes of the text's runs of four words (the text is normalised: words are separated by single spaces). */
  private static long[] shingles(String text) {
    long[] out = new long[text.length() / 2 + 1]; // a word and its space take two characters or more
    int n = 0;
    long[] last = new long[4]; // hashes of the last four words, as a ring
    int words = 0;
    long word = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (c != ' ') {
        word = 31 * word + c;
        continue;
      }
      last[words++ & 3] = word;
      word = 0;
      if (words >= 4) {
        long h = 1125899906842597L;
        for (int k = words - 4; k < words; k++) {
          h = 31 * h + last[k & 3];
        }
        out[n++] = h;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** A set of shingle hashes: open addressing on a long array, without a boxed Long per shingle. */
  private static final class ShingleSet {
    private long[] slots = new long[256];
    private int size;
    private boolean hasZero; // 0 marks an empty slot, so the hash 0 is kept aside

    boolean contains(long h) {
      if (h == 0) {
        return hasZero;
      }
      int mask = slots.length - 1;
      for (int i = mix(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
        if (slots[i] == h) {
          return true;
        }
      }
      return false;
    }

    void add(long h) {
      if (h == 0) {
        hasZero = true;
        return;
      }
      if (2 * (size + 1) > slots.length) {
        grow();
      }
      int mask = slots.length - 1;
      int i = mix(h) & mask;
      for (; slots[i] != 0; i = (i + 1) & mask) {
        if (slots[i] == h) {
          return;
        }
      }
      slots[i] = h;
      size++;
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      size = 0;
      for (long h : old) {
        if (h != 0) {
          add(h);
        }
      }
    }

    private static int mix(long h) {
      long x = h * 0x9E3779B97F4A7C15L;
      return (int) (x ^ x >>> 32);
    }
  }
}
