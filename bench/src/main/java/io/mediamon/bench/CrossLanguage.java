package io.mediamon.bench;

import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.enrich.extract.PlainTextExtractor;
import io.mediamon.enrich.tag.LanguageIdentifier;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Copies in another language on the labelled set: each article against its Spanish translation (a positive), and
 * against every other article's translation (negatives), judged as the band stage judges anchor probes: a shared
 * anchor band, then the estimated Jaccard similarity over anchor pairs, spread over the text, the original's sketch
 * as stored.
 * A translation is found when the anchor bands or the word bands find it, as in the topology.
 */
record CrossLanguage(int articles, int signable, int sharedBand, int byAnchors, int byWords, int found,
    int negatives, int falsePositives, int estimateAlone, double[] similarities) {

  /**
   * @param threshold the word signature's Jaccard threshold, to count the translations the word bands find
   * @param languages labels each text, and tells whether it is in that language throughout, as enrich does before
   *     a text goes to the anchor bands
   */
  static CrossLanguage of(List<String> originals, List<String> translations, PlainTextExtractor extractor,
      double threshold, LanguageIdentifier languages) {
    int n = originals.size();
    MinHasher.Signature[] english = new MinHasher.Signature[n];
    MinHasher.Signature[] spanish = new MinHasher.Signature[n];
    String[] englishLanguage = new String[n];
    String[] spanishLanguage = new String[n];
    boolean[] byWords = new boolean[n];
    for (int i = 0; i < n; i++) {
      String original = extractor.extract(originals.get(i), "Headline", null).text();
      String translation = extractor.extract(translations.get(i), null, null).text();
      englishLanguage[i] = anchoredLanguage(languages, original);
      spanishLanguage[i] = anchoredLanguage(languages, translation);
      english[i] = CrossLanguageSigner.sign(original);
      spanish[i] = CrossLanguageSigner.sign(translation);
      MinHasher.Signature a = MinHasher.sign(original);
      MinHasher.Signature b = MinHasher.sign(translation);
      // Apertium leaves words it does not know in English, so the word bands find a few translations too
      byWords[i] = NearDupBench.duplicate(a.values(), b.values(), a.shingles(), b.shingles(), threshold);
    }
    int signable = 0;
    int shared = 0;
    int byAnchors = 0;
    int found = 0;
    double[] similarities = new double[n];
    int negatives = 0;
    int falsePositives = 0;
    int estimateAlone = 0;
    for (int i = 0; i < n; i++) {
      boolean both = CrossLanguageSigner.signable(english[i]) && CrossLanguageSigner.signable(spanish[i])
          && acrossLanguages(englishLanguage[i], spanishLanguage[i]);
      similarities[i] = estimate(english[i], spanish[i]);
      boolean anchorsFind = false;
      if (both) {
        signable++;
        if (shareBand(english[i], spanish[i])) {
          shared++;
          anchorsFind = judged(english[i], spanish[i]);
        }
      }
      byAnchors += anchorsFind ? 1 : 0;
      found += anchorsFind || byWords[i] ? 1 : 0;
      for (int j = 0; j < n; j++) {
        if (j == i || !CrossLanguageSigner.signable(english[i]) || !CrossLanguageSigner.signable(spanish[j])
            || !acrossLanguages(englishLanguage[i], spanishLanguage[j])) {
          continue;
        }
        negatives++;
        estimateAlone += judged(english[i], spanish[j]) ? 1 : 0;
        falsePositives += copy(english[i], spanish[j]) ? 1 : 0;
      }
    }
    int wordsFind = 0;
    for (boolean w : byWords) {
      wordsFind += w ? 1 : 0;
    }
    return new CrossLanguage(n, signable, shared, byAnchors, wordsFind, found, negatives, falsePositives,
        estimateAlone, similarities);
  }

  /** The text's language if it goes to the anchor bands (known, and the same throughout), else null. */
  private static String anchoredLanguage(LanguageIdentifier languages, String text) {
    String language = languages.identify(text);
    return languages.throughout(text, language) ? language : null;
  }

  /** Whether the anchor bands compare two texts: both in one language throughout, and not the same one. */
  private static boolean acrossLanguages(String a, String b) {
    return a != null && b != null && !a.equals(b);
  }

  /**
   * Whether the band stage would judge {@code probe} a copy of {@code member} in another language: both signable,
   * a shared anchor band, and the estimate at the threshold.
   */
  static boolean copy(MinHasher.Signature member, MinHasher.Signature probe) {
    return CrossLanguageSigner.signable(member) && CrossLanguageSigner.signable(probe) && shareBand(member, probe)
        && judged(member, probe);
  }

  /** The member (the original) is stored as a sketch; the probe (the translation) brings its whole signature. */
  private static double estimate(MinHasher.Signature member, MinHasher.Signature probe) {
    return MinHasher.similarity(probe.values(), CrossLanguageSigner.sketch(member.values()));
  }

  /** The band stage's judgement, band aside: the estimate, spread over the text. */
  private static boolean judged(MinHasher.Signature member, MinHasher.Signature probe) {
    return CrossLanguageSigner.isCopy(probe.values(), ByteBuffer.wrap(CrossLanguageSigner.sketch(member.values())));
  }

  /** Why the anchor bands do not judge {@code probe} a copy of {@code member} in another language, or null if they do. */
  static String whyNot(MinHasher.Signature member, MinHasher.Signature probe) {
    if (!CrossLanguageSigner.signable(member) || !CrossLanguageSigner.signable(probe)) {
      return String.format(Locale.ROOT, "too few anchor pairs (%d, %d)", member.shingles(), probe.shingles());
    }
    if (!shareBand(member, probe)) {
      return String.format(Locale.ROOT, "no shared anchor band (anchor estimate %.2f)", estimate(member, probe));
    }
    return judged(member, probe) ? null
        : String.format(Locale.ROOT, "anchor estimate %.2f, not enough or not spread", estimate(member, probe));
  }

  private static boolean shareBand(MinHasher.Signature a, MinHasher.Signature b) {
    for (int band = 0; band < CrossLanguageSigner.BANDS; band++) {
      if (Arrays.equals(CrossLanguageSigner.bandKey(a.values(), band), CrossLanguageSigner.bandKey(b.values(), band))) {
        return true;
      }
    }
    return false;
  }

  void report() {
    double[] sorted = similarities.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "in Spanish: %d of %d pairs have %d anchor pairs or more on both sides, each side "
        + "in one language throughout and not the same one, %d of those share an anchor band, %d judged copies (%.2f, "
        + "spread over the text; median estimate %.2f); the word bands find %d, either %d; negative pairs (an article, "
        + "another's translation): %d, %d judged copies, %d by the estimate alone%n",
        signable, articles, CrossLanguageSigner.MIN_PAIRS, sharedBand, byAnchors, CrossLanguageSigner.THRESHOLD,
        sorted[sorted.length / 2], byWords, found, negatives, falsePositives, estimateAlone);
  }
}
