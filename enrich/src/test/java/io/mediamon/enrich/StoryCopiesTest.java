package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.StoryCopy;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Tags;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoryCopiesTest {
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");

  private static EventRecord event(String id, String storyId, String title, String url, Instant seen) {
    DedupStatus status = id.equals(storyId) ? DedupStatus.FIRST : DedupStatus.DUPLICATE;
    return EventRecord.newBuilder().setId(id).setStoryId(storyId).setTitle(title).setCanonicalUrl(url)
        .setSource(Source.newBuilder().setOrigin(url).build()).setTags(Tags.newBuilder().build())
        .setDedup(Dedup.newBuilder().setStatus(status).setDuplicateOf(status == DedupStatus.FIRST ? null : storyId)
            .setMethod(status == DedupStatus.FIRST ? null : "minhash").setSimilarity(status == DedupStatus.FIRST ? 0 : 0.9)
            .build())
        .setProvenance(Provenance.newBuilder().setIngestedAt(seen).build()).build();
  }

  @Test
  void shouldLetTheEarliestCopyLeadAStoryItWasJudgedIntoLate() {
    // after a backlog, the copy (ingested 90 s after the original) reached the dedup stores first
    StoryRecord story = StoryCopies.add("copy", event("copy", "copy", "Copied", "https://copier.example/a",
        T.plusSeconds(90)), StoryCopies.empty());
    story = StoryCopies.add("copy", event("original", "copy", "Original", "https://wire.example/a", T), story);
    story = StoryCopies.add("copy", event("later", "copy", "Later", "https://later.example/a", T.plusSeconds(300)), story);

    assertThat(story.getStoryId()).isEqualTo("copy");
    assertThat(story.getTitle()).isEqualTo("Original");
    assertThat(story.getFirstPublisher()).isEqualTo("wire.example");
    assertThat(story.getFirstSeenAt()).isEqualTo(T);
    assertThat(story.getArticleCount()).isEqualTo(3);
    assertThat(story.getCopies()).extracting(StoryCopy::getEventId, StoryCopy::getLagMs)
        .containsExactly(tuple("copy", 90_000L), tuple("original", 0L), tuple("later", 300_000L));
  }

  @Test
  void shouldKeepTheFirstCopyLeadingWhenCopiesComeLater() {
    StoryRecord story = StoryCopies.add("first", event("first", "first", "First", "https://wire.example/a", T),
        StoryCopies.empty());
    story = StoryCopies.add("first", event("copy", "first", "Copy", "https://copier.example/a", T.plusSeconds(60)), story);
    story = StoryCopies.add("first", event("copy", "first", "Copy", "https://copier.example/a", T.plusSeconds(60)), story);

    assertThat(story.getTitle()).isEqualTo("First");
    assertThat(story.getFirstSeenAt()).isEqualTo(T);
    assertThat(story.getArticleCount()).as("a re-delivered copy counts once").isEqualTo(2);
    assertThat(story.getCopies()).extracting(StoryCopy::getEventId, StoryCopy::getLagMs)
        .containsExactly(tuple("first", 0L), tuple("copy", 60_000L));
  }

  @Test
  void shouldLetTheFirstCopyByIdLeadOnATie() {
    StoryRecord story = StoryCopies.add("first", event("copy", "first", "Copy", "https://copier.example/a", T),
        StoryCopies.empty());
    story = StoryCopies.add("first", event("first", "first", "First", "https://wire.example/a", T), story);

    assertThat(story.getTitle()).isEqualTo("First");
    assertThat(story.getFirstPublisher()).isEqualTo("wire.example");
  }

  @Test
  void shouldFoldTheCopyThatCrossesTheRepartitionAsTheWholeEvent() {
    EventRecord original = EventRecord.newBuilder(event("first", "first", "First", "https://wire.example/a", T))
        .setText("A long text. ".repeat(500)).setAuthors(java.util.List.of("A. Writer"))
        .setTags(Tags.newBuilder().setCountries(java.util.List.of("FR")).setPeople(java.util.List.of("Ada Writer")).build())
        .build();
    EventRecord copy = EventRecord.newBuilder(event("copy", "first", "Copy", "https://copier.example/a",
        T.plusSeconds(60))).setText("A long text. ".repeat(500)).build();

    StoryRecord whole = StoryCopies.add("first", copy, StoryCopies.add("first", original, StoryCopies.empty()));
    StoryRecord slim = StoryCopies.add("first", StoryCopies.copyOf(copy),
        StoryCopies.add("first", StoryCopies.copyOf(original), StoryCopies.empty()));

    assertThat(slim).isEqualTo(whole);
    assertThat(StoryCopies.copyOf(original).getText()).isEmpty();
    assertThat(io.mediamon.schemas.Topics.EVENT_SERDE.serializer().serialize("t", StoryCopies.copyOf(original)).length)
        .as("what crosses the repartition").isLessThan(300);
  }
}
