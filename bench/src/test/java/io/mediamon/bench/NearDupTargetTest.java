package io.mediamon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.testsupport.SharedCorpora;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The near-duplicate target, recall of at least 0.95 at a precision of at least 0.99, on both labelled syndication
 * sets, judged as the benchmarks judge them (the shipped dedup settings, the topology's band and estimate rules): a
 * change to extraction, signing, bands or thresholds that costs it fails the build, not only a benchmark run by
 * hand. Skipped without the shared corpora.
 */
class NearDupTargetTest {
  private static Path corpora(String corpus) {
    Path corpora = SharedCorpora.find(corpus);
    Assumptions.assumeTrue(corpora != null, "SKIPPED: ../shared/corpora is not present");
    return corpora;
  }

  /** The Scrapinghub set, which the bands, thresholds and anchor rules were chosen on ({@link NearDupBench}). */
  @Test
  void shouldMeetTheTargetOnTheSetTheParametersWereChosenOn() throws Exception {
    NearDupBench.Evaluation evaluation = NearDupBench.evaluate(corpora("article-extraction-scrapinghub"));

    assertThat(evaluation.scores().positives()).as("three copies of each article, and the English ones' translations")
        .isGreaterThan(450);
    assertThat(evaluation.negatives()).isGreaterThan(15_000);
    assertThat(evaluation.scores().precision()).isGreaterThanOrEqualTo(0.99);
    assertThat(evaluation.scores().recall()).isGreaterThanOrEqualTo(0.95);
  }

  /** The trafilatura pages, which nothing was tuned on ({@link RealPagesDupBench}). */
  @Test
  void shouldMeetTheTargetOnRealPagesNothingWasTunedOn() throws Exception {
    Path corpora = corpora("article-extraction-trafilatura");
    Settings settings = Settings.defaults(Map.of());

    RealPagesDupBench.Evaluation evaluation =
        RealPagesDupBench.evaluate(RealPagesDupBench.Pages.read(corpora, settings), settings);

    assertThat(evaluation.scores().positives()).as("three copies of each page that can be signed, and the translations")
        .isGreaterThan(2_000);
    assertThat(evaluation.negatives() + evaluation.translationNegatives()).isGreaterThan(300_000);
    assertThat(evaluation.scores().precision()).as("copies judged: %s", evaluation.judgedPairs()).isGreaterThanOrEqualTo(0.99);
    assertThat(evaluation.scores().recall()).as("copies missed: %s", evaluation.missed()).isGreaterThanOrEqualTo(0.95);
  }
}
