package io.mediamon.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.EventRecord;
import org.junit.jupiter.api.Test;

class ExactDedupKeysTest {
  private static final String TEXT = "Niamey, 6 décembre 2023. La Russie s'installe au Niger après le départ des "
      + "soldats français, annonce le gouvernement de transition dans un communiqué lu à la télévision.";

  private static EventRecord event(String id, String text, String canonicalUrl) {
    return EventRecord.newBuilder().setId(id).setText(text).setCanonicalUrl(canonicalUrl)
        .setSource(new io.mediamon.schemas.Source()).setTags(new io.mediamon.schemas.Tags())
        .setDedup(new io.mediamon.schemas.Dedup()).setProvenance(new io.mediamon.schemas.Provenance()).build();
  }

  @Test
  void shouldKeyTheSameTextAndTheSameUrlAlikeInEightBytes() {
    EventRecord a = event("a", TEXT, "https://lomeactu.example/niger");
    EventRecord b = event("b", TEXT.toUpperCase().replace(",", " ;"), "https://lomeactu.example/niger");

    assertThat(ExactDedupKeys.text(a)).isEqualTo(ExactDedupKeys.text(b));
    assertThat(ExactDedupKeys.text(a).get()).hasSize(8);
    assertThat(ExactDedupKeys.url(a)).isEqualTo(ExactDedupKeys.url(b));
    assertThat(ExactDedupKeys.url(a).get()).hasSize(8);
    assertThat(ExactDedupKeys.url(event("c", TEXT, "https://lomeactu.example/other"))).isNotEqualTo(ExactDedupKeys.url(a));
  }

  @Test
  void shouldKeyADocumentWithoutTextOrUrlByItsOwnId() {
    EventRecord local = event("0f3a9c00de11b2e7", "Too short.", null);

    assertThat(ExactDedupKeys.text(local)).isEqualTo(ExactDedupKeys.url(local));
    assertThat(ExactDedupKeys.url(local).get()).hasSize(19);
    assertThat(ExactDedupKeys.url(event("other", "Too short.", null))).isNotEqualTo(ExactDedupKeys.url(local));
  }
}
