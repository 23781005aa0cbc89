package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.NearDupVerdictProcessor;
import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.EventRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Copies in another language, through the dedup stage: real articles and their machine translations. */
class CrossLanguageDedupTest {
  private DedupStageDriver stage;

  @BeforeEach
  void startDriver() {
    stage = new DedupStageDriver("cross-language-dedup-test");
  }

  @AfterEach
  void closeDriver() {
    stage.close();
  }

  @Test
  void shouldJudgeATranslationADuplicateOfItsOriginal() throws IOException {
    stage.send("00000000000000e1", text("volkswagen.en.txt"), "en", "https://www.slashgear.com/vw-id-space-vizzion");
    stage.send("00000000000000e2", text("volkswagen.es.txt"), "es", "https://www.example.es/vw-id-space-vizzion");

    assertThat(stage.firstCopies()).containsExactly("00000000000000e1");
    List<EventRecord> copies = stage.duplicates.readValuesToList();
    assertThat(copies).extracting(EventRecord::getId).containsExactly("00000000000000e2");
    Dedup verdict = copies.get(0).getDedup();
    assertThat(verdict.getDuplicateOf()).isEqualTo("00000000000000e1");
    assertThat(verdict.getMethod()).isEqualTo(NearDupVerdictProcessor.CROSS_LANGUAGE);
    assertThat(verdict.getSimilarity()).isBetween(CrossLanguageSigner.THRESHOLD, 1.0);
  }

  @Test
  void shouldKeepAnotherOutletsReportOfTheSameFindingInAnotherLanguageApart() throws IOException {
    stage.send("00000000000000f1", text("europa-space.en.txt"), "en", "https://www.space.com/europa-water-vapor");
    stage.send("00000000000000f2", text("europa-sciencealert.es.txt"), "es", "https://www.example.es/europa-agua");

    assertThat(stage.firstCopies()).containsExactly("00000000000000f1", "00000000000000f2");
    assertThat(stage.duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldNotCompareAnchorsWithinOneLanguage() throws IOException {
    // the original and its translation, both labelled Spanish: anchors are only compared across languages, and
    // the words of the two texts are not copies (the language is not checked here, or it would stop the English)
    stage.close();
    stage = new DedupStageDriver("cross-language-one-language-test", true, (text, language) -> true);
    stage.send("00000000000000a1", text("volkswagen.en.txt"), "es", "https://www.slashgear.com/vw-id-space-vizzion");
    stage.send("00000000000000a2", text("volkswagen.es.txt"), "es", "https://www.example.es/vw-id-space-vizzion");

    assertThat(stage.firstCopies()).containsExactly("00000000000000a1", "00000000000000a2");
  }

  @Test
  void shouldLeaveAPageInTwoLanguagesToTheWordBands() throws IOException {
    // a Spanish page that goes on in English: its label says only how it opens
    stage.send("00000000000000d1", text("volkswagen.es.txt") + "\n\n" + text("europa-space.en.txt"), "es",
        "https://www.example.es/dos-idiomas");
    assertThat(stage.anchorBuckets()).isZero();

    stage.send("00000000000000d2", text("volkswagen.es.txt"), "es", "https://www.example.es/vw-id-space-vizzion");
    assertThat(stage.anchorBuckets()).isEqualTo(CrossLanguageSigner.BANDS);
  }

  @Test
  void shouldNotLookAcrossLanguagesWhenSwitchedOff() throws IOException {
    stage.close();
    stage = new DedupStageDriver("cross-language-off-test", false);
    stage.send("00000000000000c1", text("volkswagen.en.txt"), "en", "https://www.slashgear.com/vw-id-space-vizzion");
    stage.send("00000000000000c2", text("volkswagen.es.txt"), "es", "https://www.example.es/vw-id-space-vizzion");

    assertThat(stage.firstCopies()).containsExactly("00000000000000c1", "00000000000000c2");
  }

  @Test
  void shouldLeaveTextsOfUnknownLanguageToTheWordSignature() throws IOException {
    stage.send("00000000000000b1", text("volkswagen.en.txt"), null, "https://www.slashgear.com/vw-id-space-vizzion");
    stage.send("00000000000000b2", text("volkswagen.es.txt"), null, "https://www.example.es/vw-id-space-vizzion");

    assertThat(stage.firstCopies()).containsExactly("00000000000000b1", "00000000000000b2");
  }

  static String text(String name) throws IOException {
    try (InputStream in = CrossLanguageDedupTest.class.getResourceAsStream("/cross-language/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
