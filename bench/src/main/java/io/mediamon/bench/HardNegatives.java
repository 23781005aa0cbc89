package io.mediamon.bench;

import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.enrich.extract.PlainTextExtractor;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Distinct articles on the same subject, the negatives that test precision: pairs of corpus articles that share at
 * least a fifth of their names and numbers (Jaccard similarity of their anchor sets, counted exactly). The corpus has
 * such pairs by chance (two magazines on one band's tour, two reviews of one play, two reports of one NASA finding);
 * each is judged both ways dedup would: in one language by the word signature, and as original and translation by the
 * anchor signature.
 */
final class HardNegatives {
  static final double SAME_SUBJECT = 0.2;

  private HardNegatives() {}

  static void report(List<String> originals, List<String> translations, PlainTextExtractor extractor,
      double threshold) {
    int n = originals.size();
    List<Set<String>> anchors = originals.stream()
        .map(t -> (Set<String>) new HashSet<>(CrossLanguageSigner.anchors(t))).toList();
    MinHasher.Signature[] words = new MinHasher.Signature[n];
    MinHasher.Signature[] english = new MinHasher.Signature[n];
    MinHasher.Signature[] spanish = new MinHasher.Signature[n];
    for (int i = 0; i < n; i++) {
      String text = extractor.extract(originals.get(i), "Headline", null).text();
      words[i] = MinHasher.sign(text);
      english[i] = CrossLanguageSigner.sign(text);
      spanish[i] = CrossLanguageSigner.sign(extractor.extract(translations.get(i), null, null).text());
    }
    int pairs = 0;
    int sameLanguage = 0;
    int crossLanguage = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (jaccard(anchors.get(i), anchors.get(j)) < SAME_SUBJECT) {
          continue;
        }
        pairs++;
        if (NearDupBench.duplicate(words[i].values(), words[j].values(), words[i].shingles(), words[j].shingles(),
            threshold)) {
          sameLanguage++;
        }
        if (CrossLanguage.copy(english[i], spanish[j]) || CrossLanguage.copy(english[j], spanish[i])) {
          crossLanguage++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "hard negatives (distinct articles sharing %.0f %% of their names and numbers or "
        + "more): %d pairs; judged copies in one language: %d, as original and translation: %d%n",
        SAME_SUBJECT * 100, pairs, sameLanguage, crossLanguage);
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return union.isEmpty() ? 0 : (double) both.size() / union.size();
  }
}
