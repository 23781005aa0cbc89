package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.common.Settings;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.enrich.extract.PlainTextExtractor;
import io.mediamon.enrich.tag.LanguageIdentifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Precision and recall of near-duplicate detection on a labelled syndication set built from the Scrapinghub
 * ground-truth articles: each article against copies of itself with other page chrome and another headline, with
 * 5 % of its words edited, and truncated to its first 60 % of paragraphs (all through the plain-text extractor, as
 * enrich sees them); every pair of distinct articles is a negative. A pair is judged a duplicate when the two
 * documents share an LSH band and their estimated Jaccard similarity or containment reaches its threshold, exactly
 * as the topology does ({@code -Dcontainment=} overrides the configured containment threshold).
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.NearDupBench</pre>
 */
public final class NearDupBench {
  static final double CONTAINMENT =
      Double.parseDouble(System.getProperty("containment", Settings.defaults(Map.of()).string("enrich.dedup.near.containment")));
  /** Bits per value of the stored sketch ({@code -Dbits=}; the band store's width by default). */
  static final int BITS = Integer.getInteger("bits", MinHasher.COMPACT_BITS);

  public static void main(String[] args) throws Exception {
    Evaluation evaluation = evaluate(Corpora.root());
    evaluation.print();
    HardNegatives.report(evaluation.originals, evaluation.translations, new PlainTextExtractor(), evaluation.threshold);

    long start = System.nanoTime();
    int rounds = 20;
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      for (String text : evaluation.originals) {
        int[] s = MinHasher.sign(text).values();
        for (int b = 0; b < MinHasher.BANDS; b++) {
          sink += MinHasher.bandKey(s, b)[4];
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "signing: %.0f documents/s on one thread (signature + %d band keys; checksum %d)%n",
        evaluation.originals.size() * rounds / seconds, MinHasher.BANDS, sink % 10);
  }

  /** What the set's copies and negative pairs came to. */
  record Evaluation(String[] kinds, int[] copies, int[] found, int negatives, int falsePositives, int estimateAlone,
      int sketchBytes, CrossLanguage crossLanguage, List<String> originals, List<String> translations,
      double threshold) {
    Scores scores() {
      return new Scores(found, copies, falsePositives);
    }

    void print() {
      for (int k = 0; k < kinds.length; k++) {
        System.out.printf(Locale.ROOT, "  recall, %-26s %.3f (%d/%d)%n", kinds[k], (double) found[k] / copies[k],
            found[k], copies[k]);
      }
      System.out.printf(Locale.ROOT, "threshold %.2f: precision %.4f recall %.3f (%d positives, %d negative pairs, %d "
          + "false positives)%n", threshold, scores().precision(), scores().recall(), scores().positives(), negatives,
          falsePositives);
      System.out.printf(Locale.ROOT, "sketch of %d bits per value (%d bytes): negative pairs judged copies by the "
          + "estimate alone, band or not: %d (%.2e)%n", BITS, sketchBytes, estimateAlone,
          (double) estimateAlone / negatives);
      crossLanguage.report();
    }
  }

  /** Judges every copy and every negative pair of the set, under {@code corpora}, with the shipped dedup settings. */
  static Evaluation evaluate(Path corpora) throws IOException {
    double threshold = Settings.defaults(Map.of()).decimal("enrich.dedup.near.threshold");
    JsonNode truth = new ObjectMapper().readTree(
        corpora.resolve("article-extraction-scrapinghub/ground-truth.json").toFile());
    JsonNode spanish = new ObjectMapper().readTree(
        NearDupBench.class.getResource("/syndication/scrapinghub-eng-spa.json"));
    List<String> originals = new ArrayList<>();
    List<String> translations = new ArrayList<>();
    truth.fields().forEachRemaining(page -> {
      String text = page.getValue().get("articleBody").asText();
      if (MinHasher.hasEnoughWords(text)) {
        originals.add(text);
        translations.add(spanish.get(page.getKey()).get("articleBody").asText());
      }
    });
    PlainTextExtractor extractor = new PlainTextExtractor();
    Random random = new Random(42);

    List<int[]> signatures = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (String text : originals) {
      MinHasher.Signature signed = MinHasher.sign(extractor.extract(text, "Headline", null).text());
      signatures.add(signed.values());
      sizes.add(signed.shingles());
    }
    String[] kinds = {"other chrome and headline", "5% of words edited", "truncated to 60%", "English, in Spanish"};
    int[] found = new int[kinds.length];
    // Apertium's English-Spanish pair translates English only: the corpus's articles in other languages come out
    // as they went in, and are no translation
    LanguageIdentifier languages = EnrichApp.languages(Settings.defaults(Map.of()));
    List<String> english = new ArrayList<>();
    List<String> translated = new ArrayList<>();
    for (int i = 0; i < originals.size(); i++) {
      if ("en".equals(languages.identify(extractor.extract(originals.get(i), null, null).text()))) {
        english.add(originals.get(i));
        translated.add(translations.get(i));
      }
    }
    CrossLanguage crossLanguage = CrossLanguage.of(english, translated, extractor, threshold, languages);
    found[3] = crossLanguage.found();
    int[] copies = {originals.size(), originals.size(), originals.size(), english.size()};
    for (int i = 0; i < originals.size(); i++) {
      String text = originals.get(i);
      String[] variants = {
        "Home | World | Politics\n\nAnother headline for the same story\n\n" + text
            + "\n\nShare this article\n\n© 2019 Another Outlet. All rights reserved.",
        edit(text, 0.05, random),
        truncate(text, 0.6)
      };
      for (int k = 0; k < variants.length; k++) { // the translation, kind 3, is judged by CrossLanguage
        MinHasher.Signature copy = MinHasher.sign(extractor.extract(variants[k], null, null).text());
        if (duplicate(signatures.get(i), copy.values(), sizes.get(i), copy.shingles(), threshold)) {
          found[k]++;
        }
      }
    }
    int falsePositives = 0;
    int negatives = 0;
    // distinct articles seldom share a band at all: how often the estimate alone would call them copies is what
    // the sketch width decides, and what a band crowded with strangers (boilerplate) would expose
    int estimateAlone = 0;
    for (int i = 0; i < signatures.size(); i++) {
      for (int j = i + 1; j < signatures.size(); j++) {
        negatives++;
        if (duplicate(signatures.get(i), signatures.get(j), sizes.get(i), sizes.get(j), threshold)) {
          falsePositives++;
        }
        if (isCopyByEstimate(signatures.get(i), signatures.get(j), sizes.get(i), sizes.get(j), threshold)) {
          estimateAlone++;
        }
      }
    }
    falsePositives += crossLanguage.falsePositives();
    negatives += crossLanguage.negatives();
    return new Evaluation(kinds, copies, found, negatives, falsePositives, estimateAlone,
        MinHasher.compact(signatures.get(0), BITS).length, crossLanguage, originals, translations, threshold);
  }

  static boolean duplicate(int[] a, int[] b, int sizeA, int sizeB, double threshold) {
    return shareBand(a, b) && isCopyByEstimate(a, b, sizeA, sizeB, threshold);
  }

  /** Whether two word signatures meet in a band bucket, where the band stage compares them. */
  static boolean shareBand(int[] a, int[] b) {
    boolean candidate = false;
    for (int band = 0; band < MinHasher.BANDS && !candidate; band++) {
      candidate = Arrays.equals(MinHasher.bandKey(a, band), MinHasher.bandKey(b, band));
    }
    return candidate;
  }

  /** The band store keeps the earlier document's signature compacted, as here. */
  static boolean isCopyByEstimate(int[] a, int[] b, int sizeA, int sizeB, double threshold) {
    double jaccard = MinHasher.similarity(b, MinHasher.compact(a, BITS));
    return MinHasher.isCopy(jaccard, sizeA, sizeB, threshold, CONTAINMENT > 0 ? CONTAINMENT : 2);
  }

  static String edit(String text, double share, Random random) {
    String[] words = text.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (random.nextDouble() < share) {
        words[i] = "edited" + random.nextInt(1000);
      }
    }
    return String.join(" ", words);
  }

  static String truncate(String text, double share) {
    String[] paragraphs = text.split("\n\n");
    int keep = Math.max(1, (int) Math.round(paragraphs.length * share));
    return String.join("\n\n", java.util.Arrays.copyOf(paragraphs, keep));
  }
}
