package io.mediamon.enrich.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mediamon.testsupport.SharedCorpora;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.junit.jupiter.api.Test;

/** The direct evaluation gives what OpenNLP's own detector gives, on real sentences, words and pairs in 79 languages. */
class OpenNlpScorerTest {
  @Test
  void shouldGiveTheProbabilitiesOfOpenNlpsDetector() throws Exception {
    LanguageDetectorModel model;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("langdetect-183.bin")) {
      model = new LanguageDetectorModel(in);
    }
    LanguageDetectorME detector = new LanguageDetectorME(model);
    OpenNlpScorer scorer = new OpenNlpScorer(model, code -> true);
    List<String> outcomes = List.of(scorer.outcomes());
    // a third of the languages, as when fewer are configured: the same ratios between those kept
    OpenNlpScorer some = new OpenNlpScorer(model, code -> Math.floorMod(code.hashCode(), 3) == 0);
    List<String> kept = List.of(some.outcomes());
    assertThat(kept.size()).isBetween(20, 50);

    // with markup, links, numbers, emoji and mixed case, which the normalisers and lower-casing handle; and the
    // sentences, word pairs and words of Lingua's test data in 79 languages when the shared corpora are there
    List<String> texts = new ArrayList<>(List.of(
        "Visit https://example.org/a?b=1 or mail news@example.org 😀 — 2026: DIE WAHL IN BERLIN!!! @someone #tag",
        "Le président a annoncé mardi une réforme des retraites, contestée par les syndicats.",
        "Президент подписал указ о проведении выборов в сентябре.",
        "東京都は新しい条例を可決した。", "İstanbul'da seçim", "", "a"));
    Path corpora = SharedCorpora.find("langid-lingua");
    if (corpora != null) {
      for (String kind : List.of("sentences", "word-pairs", "single-words")) {
        try (Stream<Path> files = Files.list(corpora.resolve("langid-lingua").resolve(kind))) {
          for (Path f : files.sorted().toList()) {
            // every seventh line of each file: all languages and kinds, in a few seconds
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i += 7) {
              texts.add(lines.get(i));
            }
          }
        }
      }
    }

    int compared = 0;
    for (String text : texts) {
      Language[] expected = detector.predictLanguages(text);
      double[] actual = scorer.probabilities(text);
      double[] fewer = some.probabilities(text);
      Language best = null;
      for (Language l : expected) {
        assertThat(actual[outcomes.indexOf(l.getLang())]).as("%s in '%s'", l.getLang(), text)
            .isCloseTo(l.getConfidence(), within(1e-9));
        if (kept.contains(l.getLang())) {
          best = best == null ? l : best;
          assertThat(fewer[kept.indexOf(l.getLang())] / fewer[kept.indexOf(best.getLang())])
              .as("%s against %s in '%s'", l.getLang(), best.getLang(), text)
              .isCloseTo(l.getConfidence() / best.getConfidence(), within(1e-9));
        }
      }
      compared++;
    }
    if (corpora != null) {
      assertThat(compared).as("texts read from the corpus").isGreaterThan(5_000);
    }
  }
}
