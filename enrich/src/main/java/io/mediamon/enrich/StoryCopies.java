package io.mediamon.enrich;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryCopy;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Folds each judged event (first copy or duplicate) into its story's record on {@code media.stories}. */
final class StoryCopies {
  static final int MAX_COPIES = 100;
  static final int MAX_SOURCES = 1000;

  private StoryCopies() {}

  /**
   * What {@link #add} reads of an event, and no more: the event without its text, tags, authors, dateline, linked
   * posts, lead image and fetch error. Judged events cross the stories-by-story-id repartition topic in this form; the whole event (its text is
   * most of it) would be written, read and decoded once more for a title, an outlet and a time. Still an event
   * record, so a repartition topic holding whole events from an earlier version folds the same.
   */
  static EventRecord copyOf(EventRecord event) {
    return EventRecord.newBuilder(event)
        .setText("")
        .setTags(Tags.newBuilder().build())
        .setAuthors(List.of())
        .setDateline(null)
        .setLinkedPosts(List.of())
        .setLeadImage(null)
        .setFetchError(null)
        .build();
  }

  static StoryRecord empty() {
    return StoryRecord.newBuilder().setStoryId("").build();
  }

  /**
   * Adds one event; a re-delivered event does not count twice. The story is led by its earliest copy in ingest time
   * (title, first publisher, first seen, and every copy's lag behind it), whatever order the copies were judged in:
   * after downtime, partitions work through their backlogs side by side, and a copy can reach the dedup stores
   * before the article it copies, which then joins the copy's story id but still leads it. On a tie, or without
   * ingest times, the story's first copy by id leads.
   */
  static StoryRecord add(String storyId, EventRecord event, StoryRecord story) {
    for (StoryCopy c : story.getCopies()) {
      if (c.getEventId().equals(event.getId())) {
        return story;
      }
    }
    String source = PostCitations.outlet(event);
    Instant seen = event.getProvenance().getIngestedAt();
    Instant lead = story.getFirstSeenAt();
    boolean leads = story.getArticleCount() == 0 || isBefore(seen, lead)
        || (event.getId().equals(storyId) && !isBefore(lead, seen));
    StoryRecord.Builder next = StoryRecord.newBuilder(story).setStoryId(storyId);
    List<StoryCopy> copies = new ArrayList<>(story.getCopies());
    if (leads) {
      next.setTitle(event.getTitle()).setFirstPublisher(source).setFirstSeenAt(seen);
      if (isBefore(seen, lead)) {
        long earlier = lead.toEpochMilli() - seen.toEpochMilli();
        copies.replaceAll(c -> StoryCopy.newBuilder(c).setLagMs(c.getLagMs() + earlier).build());
      }
    }
    Instant firstSeen = leads ? seen : lead;
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

  private static boolean isBefore(Instant a, Instant b) {
    return a != null && b != null && a.isBefore(b);
  }
}
