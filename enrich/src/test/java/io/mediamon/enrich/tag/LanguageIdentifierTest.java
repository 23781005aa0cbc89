package io.mediamon.enrich.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.enrich.EnrichApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
  private static LanguageIdentifier languages;

  @BeforeAll
  static void loadModels() {
    languages = EnrichApp.languages(Settings.defaults(Map.of()));
  }

  @Test
  void shouldIdentifyAnArticlesLanguage() throws IOException {
    assertThat(languages.identify(text("volkswagen.es.txt"))).isEqualTo("es");
    assertThat(languages.identify(text("volkswagen.en.txt"))).isEqualTo("en");
  }

  @Test
  void shouldTellAPageInOneLanguageFromAPageInTwo() throws IOException {
    String spanish = text("volkswagen.es.txt");
    assertThat(languages.throughout(spanish, "es")).isTrue();
    assertThat(languages.throughout(spanish + "\n\n" + text("europa-space.en.txt"), "es")).isFalse();
    // the opening decides the label, and is all the check would see without looking further
    assertThat(languages.identify(spanish + "\n\n" + text("europa-space.en.txt"))).isEqualTo("es");
    assertThat(languages.throughout(spanish, "en")).isFalse();
    assertThat(languages.throughout(spanish, null)).isFalse();
  }

  @Test
  void shouldTakeAShortTextAsInOneLanguage() {
    assertThat(languages.throughout("Las conversaciones en Europa costaron 1.500 dólares.", "es")).isTrue();
  }

  private static String text(String name) throws IOException {
    try (InputStream in = LanguageIdentifierTest.class.getResourceAsStream("/cross-language/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldIdentifyAShortHeadlineWithTheDeclaredLanguageAsPrior() {
    String headline = "Le gouvernement annonce une hausse des prix de l'électricité le mois prochain";
    assertThat(headline.split(" ")).hasSize(12);
    assertThat(languages.identify(headline, null)).isEqualTo("fr");
    assertThat(languages.identify(headline, "fr-FR")).isEqualTo("fr");
    // a feed that says English does not make a French headline English
    assertThat(languages.identify(headline, "en")).isEqualTo("fr");
    // where a few words cannot tell two close languages apart, the declared one decides
    assertThat(languages.identify("Hotel Bristol", "de")).isEqualTo("de");
    assertThat(languages.identify("", "es")).isEqualTo("es");
    assertThat(languages.identify("Hotel Bristol", "xx")).isNotEqualTo("xx");
  }
}
