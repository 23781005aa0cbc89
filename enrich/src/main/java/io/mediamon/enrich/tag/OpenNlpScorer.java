package io.mediamon.enrich.tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.normalizer.AggregateCharSequenceNormalizer;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;

/**
 * OpenNLP's language detector, evaluated directly on its model: the same normalisers, the same distinct lower-cased
 * character 1- to 3-grams and the same maximum-entropy sums as {@code LanguageDetectorME.predictLanguages}, which
 * builds three maps of {@code CharBuffer}s per call (their hashes recomputed at every lookup) to get there. In a JFR
 * profile of the tagging benchmark that bookkeeping was more than half of the detector's time, and the detector 40 %
 * of tagging. It also leaves out the languages not configured: their sums would only be normalised away.
 * {@code OpenNlpScorerTest} checks that both give the same probabilities on Lingua's test data.
 */
final class OpenNlpScorer {
  /** The normalisers {@code LanguageDetectorFactory} gives the model's context generator, in its order. */
  private static final CharSequenceNormalizer NORMALIZER = new AggregateCharSequenceNormalizer(
      EmojiCharSequenceNormalizer.getInstance(), UrlCharSequenceNormalizer.getInstance(),
      TwitterCharSequenceNormalizer.getInstance(), NumberCharSequenceNormalizer.getInstance(),
      ShrinkCharSequenceNormalizer.getInstance());
  private static final int MAX_GRAM = 3;

  /**
   * N-gram to its feature index, the n-gram packed in a long (up to three UTF-16 units, and its length): an
   * open-addressing table, so a lookup makes no string and hashes no object.
   */
  private final long[] keys;
  private final int[] indexes;
  private final int mask;
  /** Per feature, the outcomes kept that it weighs for (indexes into {@link #outcomes}) and their weights. */
  private final int[][] featureOutcomes;
  private final double[][] featureWeights;
  /** The outcomes kept: ISO 639-3 codes of the model. */
  private final String[] outcomes;
  /** Per thread: the call in which each feature was last counted, so a feature counts once per text. */
  private final ThreadLocal<Marks> marks;

  private static final class Marks {
    final int[] lastCounted;
    int call;

    Marks(int features) {
      lastCounted = new int[features];
    }

    /** A new stamp for a call; when the counter wraps, every mark is forgotten. */
    int next() {
      if (++call == 0) {
        Arrays.fill(lastCounted, 0);
        call = 1;
      }
      return call;
    }
  }

  /**
   * @param keep which of the model's outcomes (ISO 639-3 codes) to score: the probabilities are then those among
   *     them, in the same ratios as among all
   */
  @SuppressWarnings("unchecked")
  OpenNlpScorer(LanguageDetectorModel model, Predicate<String> keep) {
    Object[] data = ((AbstractModel) model.getMaxentModel()).getDataStructures();
    Map<String, Context> byFeature = (Map<String, Context>) data[1];
    String[] all = (String[]) data[2];
    int[] kept = new int[all.length];
    List<String> names = new ArrayList<>();
    for (int o = 0; o < all.length; o++) {
      kept[o] = keep.test(all[o]) ? names.size() : -1;
      if (kept[o] >= 0) {
        names.add(all[o]);
      }
    }
    outcomes = names.toArray(String[]::new);
    featureOutcomes = new int[byFeature.size()][];
    featureWeights = new double[byFeature.size()][];
    int size = Integer.highestOneBit(Math.max(16, byFeature.size() * 2)) << 1;
    keys = new long[size];
    indexes = new int[size];
    mask = size - 1;
    int i = 0;
    for (Map.Entry<String, Context> e : byFeature.entrySet()) {
      String feature = e.getKey();
      if (feature.isEmpty() || feature.length() > MAX_GRAM) {
        continue; // never looked up: the text's n-grams are 1 to 3 units long
      }
      Context c = e.getValue();
      int n = 0;
      for (int o : c.getOutcomes()) {
        n += kept[o] >= 0 ? 1 : 0;
      }
      featureOutcomes[i] = new int[n];
      featureWeights[i] = new double[n];
      for (int a = 0, k = 0; a < c.getOutcomes().length; a++) {
        if (kept[c.getOutcomes()[a]] >= 0) {
          featureOutcomes[i][k] = kept[c.getOutcomes()[a]];
          featureWeights[i][k++] = c.getParameters()[a];
        }
      }
      int slot = slot(pack(feature, 0, feature.length()));
      keys[slot] = pack(feature, 0, feature.length());
      indexes[slot] = i++;
    }
    int features = featureOutcomes.length;
    marks = ThreadLocal.withInitial(() -> new Marks(features));
  }

  /** The outcomes kept (ISO 639-3 codes), in the order of {@link #probabilities}. */
  String[] outcomes() {
    return outcomes.clone();
  }

  /** The probability of each outcome kept for the text, as the detector computes it (among those kept). */
  double[] probabilities(CharSequence text) {
    String normalized = lowerCase(NORMALIZER.normalize(text));
    Marks m = marks.get();
    int[] seen = m.lastCounted;
    int stamp = m.next();
    double[] sums = new double[outcomes.length];
    for (int n = 1; n <= MAX_GRAM; n++) {
      for (int from = 0; from + n <= normalized.length(); from++) {
        int index = indexOf(pack(normalized, from, n));
        if (index < 0 || seen[index] == stamp) {
          continue;
        }
        seen[index] = stamp;
        int[] active = featureOutcomes[index];
        double[] weights = featureWeights[index];
        for (int a = 0; a < active.length; a++) {
          sums[active[a]] += weights[a];
        }
      }
    }
    // the uniform prior adds one constant to every sum, which normalising cancels
    double total = 0;
    for (int o = 0; o < sums.length; o++) {
      sums[o] = StrictMath.exp(sums[o]);
      total += sums[o];
    }
    for (int o = 0; o < sums.length; o++) {
      sums[o] /= total;
    }
    return sums;
  }

  /** The units of {@code s[from, from + n)} and n in one long; never 0, the empty slot. */
  private static long pack(CharSequence s, int from, int n) {
    long key = n;
    for (int k = 0; k < n; k++) {
      key = key << 16 | s.charAt(from + k);
    }
    return key;
  }

  /** The slot of a key: its own if present, else the empty one where it would go. */
  private int slot(long key) {
    int h = (int) (key * 0x9E3779B97F4A7C15L >>> 32) & mask;
    while (keys[h] != 0 && keys[h] != key) {
      h = (h + 1) & mask;
    }
    return h;
  }

  private int indexOf(long key) {
    int slot = slot(key);
    return keys[slot] == key ? indexes[slot] : -1;
  }

  /** Lower case code point by code point, as OpenNLP's n-gram model does before cutting n-grams. */
  private static String lowerCase(CharSequence text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }
}
