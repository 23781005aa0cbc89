package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatelineParserTest {
  private static final LocalDate REFERENCE = LocalDate.of(2024, 3, 20);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "Niamey, 06 décembre 2023 (Lomé Actu) – Dans un geste | Niamey | 2023-12-06 | Lomé Actu",
      "PARIS (Reuters) - Le gouvernement | Paris | - | Reuters",
      "WASHINGTON, Jan. 5 (AP) — The Senate | Washington | 2024-01-05 | AP",
      "Madrid, 5 de enero de 2024 (EFE).- El Gobierno | Madrid | 2024-01-05 | EFE",
      "BERLIN, 5. Januar (Reuters) - Die Regierung | Berlin | 2024-01-05 | Reuters",
      "Berlin (dpa) - Die Bundesregierung | Berlin | - | dpa",
      "Lisboa, 5 de janeiro de 2024 (Lusa) - O Governo | Lisboa | 2024-01-05 | Lusa",
      "ROMA, 5 gennaio (ANSA) - Il governo | Roma | 2024-01-05 | ANSA",
      "Dakar, le 1er mars 2024 (APS) - Le président | Dakar | 2024-03-01 | APS",
      "NEW YORK, March 3, 2024 (Reuters) - Stocks | New York | 2024-03-03 | Reuters",
      "Bamako, 12/02/2024 – La junte | Bamako | 2024-02-12 | -",
  })
  void shouldParseWireDatelines(String text, String place, String date, String source) {
    Dateline d = new DatelineParser().parse(text, REFERENCE).orElseThrow();
    assertThat(d.place()).isEqualTo(place);
    assertThat(d.date()).isEqualTo(date == null ? null : LocalDate.parse(date));
    assertThat(d.source()).isEqualTo(source);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Le gouvernement a annoncé (mardi) - une mesure",
      "Dans un geste diplomatique significatif, le vice-ministre",
      "Il a dit, en substance - rien",
  })
  void shouldNotSeeADatelineInOrdinaryProse(String text) {
    assertThat(new DatelineParser().parse(text, REFERENCE)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"Dec. 28, 2023-12-28", "Apr 2, 2023-04-02", "Mar 19, 2024-03-19"})
  void shouldGiveAYearlessDateTheLatestYearThatIsNotInTheFuture(String text, String expected) {
    assertThat(DatelineParser.parseDate(text, REFERENCE)).isEqualTo(LocalDate.parse(expected));
  }
}
