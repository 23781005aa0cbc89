package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedEntryTextTest {
  private final FeedEntryText text = new FeedEntryText();

  @Test
  void shouldTurnAnHtmlSummaryIntoParagraphsAndKeepItsLinks() {
    Extraction x = text.extract("""
        <p>Niamey, 6 décembre (AFP) – La Russie a ouvert une ambassade.</p>
        <p>Voir <a href="https://x.com/AESinfos/status/1731688181177708622">le message</a> et
        <a href="/suite">la suite</a>.<br>Une seconde ligne.</p>
        <script>alert(1)</script>
        <p>The post Niger appeared first on Lomé Actu.</p>""",
        "https://lomeactu.example/niger", "Niger : La Russie s’installe", Instant.parse("2023-12-06T10:00:00Z"));

    assertThat(x.text()).isEqualTo("Niamey, 6 décembre (AFP) – La Russie a ouvert une ambassade.\n\n"
        + "Voir le message et la suite.\n\nUne seconde ligne.");
    assertThat(x.links()).containsExactly("https://x.com/AESinfos/status/1731688181177708622",
        "https://lomeactu.example/suite");
    assertThat(x.title()).isEqualTo("Niger : La Russie s’installe");
    assertThat(x.dateline()).isNotNull();
    assertThat(x.dateline().place()).isEqualTo("Niamey");
  }

  @Test
  void shouldReadPlainTextWithEntitiesAndDropASummaryThatOnlyRepeatsTheTitle() {
    assertThat(text.extract("Fish &amp; chips &lt;3", null, null, null).text()).isEqualTo("Fish & chips <3");
    assertThat(text.extract("<b>Storm hits the coast</b>", null, "Storm hits the coast!", null).text()).isEmpty();
  }
}
