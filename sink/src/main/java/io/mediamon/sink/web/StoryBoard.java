package io.mediamon.sink.web;

import io.mediamon.schemas.StoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The latest stories from media.stories, newest first, at most {@code max} of them (the oldest leave first). */
final class StoryBoard {
  private final int max;
  private final Map<String, Entry> stories = new LinkedHashMap<>();

  /** A story as last published, and when this board last saw it change. */
  record Entry(StoryRecord story, Instant updatedAt) {
    Instant firstSeen() {
      return story.getFirstSeenAt() != null ? story.getFirstSeenAt() : updatedAt;
    }
  }

  StoryBoard(int max) {
    this.max = max;
  }

  synchronized void put(StoryRecord story, Instant at) {
    stories.remove(story.getStoryId());
    stories.put(story.getStoryId(), new Entry(story, at));
    while (stories.size() > max) {
      String oldest = stories.values().stream().min(Comparator.comparing(Entry::firstSeen)).orElseThrow()
          .story().getStoryId();
      stories.remove(oldest);
    }
  }

  synchronized void remove(String storyId) {
    stories.remove(storyId);
  }

  synchronized Entry get(String storyId) {
    return stories.get(storyId);
  }

  /** Newest first by first sighting, then by last change. */
  synchronized List<Entry> recent(int limit) {
    List<Entry> all = new ArrayList<>(stories.values());
    all.sort(Comparator.comparing(Entry::firstSeen).thenComparing(Entry::updatedAt).reversed());
    return all.subList(0, Math.min(limit, all.size()));
  }
}
