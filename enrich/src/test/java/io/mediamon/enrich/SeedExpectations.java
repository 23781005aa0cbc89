package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.MediaTopic;
import java.time.Instant;
import java.time.LocalDate;

/** What the seed document must come out as: one clean, correctly tagged event record (issues 2 and 4). */
final class SeedExpectations {
  private SeedExpectations() {}

  static void assertSeedEvent(EventRecord event) {
    assertThat(event.getTitle()).isEqualTo("Niger : La Russie s’installe après le départ forcé de la France");
    assertThat(event.getDateline().getPlace()).isEqualTo("Niamey");
    assertThat(event.getDateline().getDate()).isEqualTo(LocalDate.of(2023, 12, 6));
    assertThat(event.getDateline().getSource()).isEqualTo("Lomé Actu");
    assertThat(event.getLanguage()).isEqualTo("fr");
    assertThat(event.getText()).doesNotContain("moov portabilité").doesNotContain("Lire Aussi");
    assertThat(event.getTags().getCountries()).contains("NE", "RU", "FR", "ML", "US");
    assertThat(event.getTags().getPeople()).contains("Yunus-Bek Yevkurov", "Abdourahamane Tiani");
    assertThat(event.getTags().getOrganizations()).contains("Wagner", "European Union");
    assertThat(event.getTags().getTopics()).extracting(MediaTopic::getCode).contains("16000000", "11000000", "20000070");
    assertThat(event.getTags().getEvidence()).isNotEmpty();
    assertThat(event.getLinkedPosts()).singleElement().satisfies(post -> {
      assertThat(post.getPlatform()).isEqualTo("x");
      assertThat(post.getAuthor()).isEqualTo("AESinfos");
      assertThat(post.getPostId()).isEqualTo("1731688181177708622");
      assertThat(post.getPostedAt()).isEqualTo(Instant.parse("2023-12-04T14:53:30Z"));
    });
  }
}
