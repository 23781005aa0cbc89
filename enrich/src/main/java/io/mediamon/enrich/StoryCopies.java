package io.mediamon.enrich;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryCopy;
import io.mediamon.schemas.StoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Folds each judged event (first copy or duplicate) into its story's record on {@code media.stories}. */
final class StoryCopies {
  static final int MAX_COPIES = 100;
  static final int MAX_SOURCES = 1000;

  private StoryCopies() {}

  static StoryRecord empty() {
    return StoryRecord.newBuilder().setStoryId("").build();
  }

  /** Adds one event; a re-delivered event does not count twice, and a first copy that arrives late still leads. */
  static StoryRecord add(String storyId, EventRecord event, StoryRecord story) {
    for (StoryCopy c : story.getCopies()) {
      if (c.getEventId().equals(event.getId())) {
        return story;
      }
    }
    String source = PostCitations.outlet(event);
    Instant seen = event.getProvenance().getIngestedAt();
    boolean first = event.getId().equals(storyId);
    StoryRecord.Builder next = StoryRecord.newBuilder(story).setStoryId(storyId);
    if (first || story.getArticleCount() == 0) {
      next.setTitle(event.getTitle()).setFirstPublisher(source).setFirstSeenAt(seen);
    }
    Instant firstSeen = first || story.getFirstSeenAt() == null ? seen : story.getFirstSeenAt();
    List<StoryCopy> copies = new ArrayList<>(story.getCopies());
    if (copies.size() < MAX_COPIES) {
      copies.add(StoryCopy.newBuilder()
          .setEventId(event.getId())
          .setSource(source)
          .setLagMs(seen == null || firstSeen == null ? 0 : Math.max(0, seen.toEpochMilli() - firstSeen.toEpochMilli()))
          .setMethod(event.getDedup().getMethod())
          .setSimilarity(event.getDedup().getSimilarity())
          .build());
    }
    List<String> sources = new ArrayList<>(story.getSources());
    int sourceCount = story.getSourceCount();
    if (!sources.contains(source)) {
      sourceCount++;
      if (sources.size() < MAX_SOURCES) {
        sources.add(source);
      }
    }
    return next.setArticleCount(story.getArticleCount() + 1).setCopies(copies).setSources(sources)
        .setSourceCount(sourceCount).build();
  }
}
