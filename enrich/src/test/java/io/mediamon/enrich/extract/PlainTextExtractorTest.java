package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextExtractorTest {
  static final Path SEED = SeedDocument.path();

  @Test
  void shouldExtractTheSeedsTitleDatelineAndCleanText() throws Exception {
    Extraction x = new PlainTextExtractor().extract(Files.readString(SEED), null, null);

    assertThat(x.title()).isEqualTo("Niger : La Russie s’installe après le départ forcé de la France");
    assertThat(x.dateline()).isNotNull();
    assertThat(x.dateline().place()).isEqualTo("Niamey");
    assertThat(x.dateline().date()).isEqualTo(LocalDate.of(2023, 12, 6));
    assertThat(x.dateline().source()).isEqualTo("Lomé Actu");
    assertThat(x.publishedAt()).isEqualTo(Instant.parse("2023-12-06T00:00:00Z"));
    assertThat(x.text())
        .startsWith("Niamey, 06 décembre 2023 (Lomé Actu) – Dans un geste diplomatique significatif")
        .contains("Cette réorientation stratégique souligne l’évolution des alliances géopolitiques du Niger")
        .doesNotContain("moov portabilité")
        .doesNotContain("Lire Aussi")
        .doesNotContain("https://x.com");
    assertThat(x.text().split("\n\n")).hasSize(11);
    assertThat(x.links()).containsExactly("https://x.com/AESinfos/status/1731688181177708622?s=20");
  }

  @Test
  void shouldDropSpamCrumbsFootersAndReadMoreTrailersInManyLanguages() {
    String text = String.join("\n\n", List.of(
        "Accueil > Monde > Afrique",
        "Le titre de l'article",
        "PARIS (Reuters) - Le gouvernement a annoncé mardi une nouvelle mesure pour les retraites des fonctionnaires.",
        "Le texte sera examiné au Parlement le mois prochain, selon plusieurs sources proches du dossier.",
        "Lesen Sie auch: Die Regierung plant neue Steuern",
        "Leer más",
        "Otro artículo relacionado",
        "© 2024 Reuters. Tous droits réservés."));
    Extraction x = new PlainTextExtractor().extract(text, null, Instant.parse("2024-03-05T10:00:00Z"));

    assertThat(x.title()).isEqualTo("Le titre de l'article");
    assertThat(x.dateline().place()).isEqualTo("Paris");
    assertThat(x.dateline().source()).isEqualTo("Reuters");
    assertThat(x.dateline().date()).isNull();
    assertThat(x.text().split("\n\n")).hasSize(2);
    assertThat(x.text()).doesNotContain("Accueil", "Lesen", "Leer", "relacionado", "©");
  }

  @Test
  void shouldDropThePagesPromptsAndCreditsAroundTheArticle() {
    String text = String.join("\n\n", List.of(
        "Le titre de l'article",
        "Le gouvernement a annoncé mardi une nouvelle mesure pour les retraites des fonctionnaires.",
        "Titelbild: Max Mustermann",
        "Le texte sera examiné au Parlement le mois prochain, selon plusieurs sources proches du dossier.",
        "War der Artikel nützlich?",
        "Subscribe now to our weekly edition for the full story.",
        "Das könnte Sie auch interessieren!",
        "Neue Steuern für alle",
        "Keine Kommentare",
        "Alle Angaben ohne Gewähr.",
        "Download the Daily News app for iOS and Android."));
    Extraction x = new PlainTextExtractor().extract(text, null, null);

    assertThat(x.text().split("\n\n")).hasSize(2);
    assertThat(x.text()).doesNotContain("Titelbild", "nützlich", "Subscribe", "interessieren", "Steuern", "Kommentare",
        "Gewähr", "Download");
  }

  @Test
  void shouldKeepProseThatOnlyStartsLikeAPrompt() {
    String line = "Credit: the bank extended a line of credit to the town council after the flood, which allowed the "
        + "repairs of the bridge, the school and the two main roads to begin weeks before the insurers paid anything "
        + "at all.";
    Extraction x = new PlainTextExtractor().extract("Title of the article\n\n" + line, null, null);
    assertThat(x.text()).contains("line of credit");
  }

  @Test
  void shouldNotMistakeARepeatedWordInProseForSpam() {
    assertThat(PlainTextCleaner.isSpam("moov portabilité moov portabilité moov portabilité")).isTrue();
    assertThat(PlainTextCleaner.isSpam("buy cheap buy cheap buy cheap buy cheap now")).isTrue();
    assertThat(PlainTextCleaner.isSpam("Le Niger et la Russie ont signé des accords de défense.")).isFalse();
    assertThat(PlainTextCleaner.isSpam("Non, non, non.")).isFalse();
    assertThat(PlainTextCleaner.isSpam("Buy cheap phones now. Buy cheap phones now.")).as("ends like a sentence").isTrue();
    assertThat(PlainTextCleaner.isSpam("The mayor said the plan was fair, and the council agreed.")).isFalse();
  }

  @Test
  void unspacedScriptsAreThoseOfTheUnicodeScriptTableForEveryCharacter() {
    var unspaced = java.util.Set.of(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
        Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI, Character.UnicodeScript.HANGUL);
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      assertThat(PlainTextCleaner.isUnspacedScript(c)).as("U+%04X", (int) c)
          .isEqualTo(unspaced.contains(Character.UnicodeScript.of(c)));
    }
  }
}
