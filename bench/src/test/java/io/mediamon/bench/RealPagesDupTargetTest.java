package io.mediamon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.testsupport.SharedCorpora;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The near-duplicate target (recall of at least 0.95 at a precision of at least 0.99) on the labelled set built from
 * the trafilatura pages, which no dedup parameter was chosen on ({@link RealPagesDupBench}): a change to extraction,
 * signing, bands or thresholds that costs it fails the build, not only a benchmark run by hand. Skipped without the
 * shared corpora.
 */
class RealPagesDupTargetTest {
  private static final String CORPUS = "article-extraction-trafilatura";

  @Test
  void shouldFindCopiesOfRealPagesAtTheTargetRecallAndPrecision() throws Exception {
    Path corpora = SharedCorpora.find(CORPUS);
    Assumptions.assumeTrue(corpora != null, "../shared/corpora not present");
    Settings settings = Settings.defaults(Map.of());

    RealPagesDupBench.Evaluation evaluation =
        RealPagesDupBench.evaluate(RealPagesDupBench.Pages.read(corpora, settings), settings);

    assertThat(evaluation.positives()).as("three copies of each page that can be signed, and the translations")
        .isGreaterThan(2_000);
    assertThat(evaluation.negatives() + evaluation.translationNegatives()).isGreaterThan(300_000);
    assertThat(evaluation.precision()).as("copies judged: %s", evaluation.judgedPairs()).isGreaterThanOrEqualTo(0.99);
    assertThat(evaluation.recall()).as("copies missed: %s", evaluation.missed()).isGreaterThanOrEqualTo(0.95);
  }
}
