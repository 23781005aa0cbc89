package io.mediamon.sink.web;

import io.mediamon.schemas.StoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The latest stories from media.stories, newest first, at most {@code max} of them (the oldest leave first). Kept in
 * first-seen order as well as by id, so replaying a long topic at start-up costs a logarithm per record, not a scan
 * of the board.
 */
final class StoryBoard {
  /** Oldest first by first sighting, then by last change and id: the order the board trims and lists in. */
  private static final Comparator<Entry> AGE = Comparator.comparing(Entry::firstSeen).thenComparing(Entry::updatedAt)
      .thenComparing(e -> e.story().getStoryId());
  private final int max;
  private final Map<String, Entry> byId = new HashMap<>();
  private final TreeSet<Entry> byAge = new TreeSet<>(AGE);

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
    remove(story.getStoryId());
    Entry entry = new Entry(story, at);
    byId.put(story.getStoryId(), entry);
    byAge.add(entry);
    while (byId.size() > max) {
      Entry oldest = byAge.pollFirst();
      byId.remove(oldest.story().getStoryId());
    }
  }

  synchronized void remove(String storyId) {
    Entry previous = byId.remove(storyId);
    if (previous != null) {
      byAge.remove(previous);
    }
  }

  synchronized Entry get(String storyId) {
    return byId.get(storyId);
  }

  /** Newest first by first sighting, then by last change. */
  synchronized List<Entry> recent(int limit) {
    List<Entry> newest = new ArrayList<>(Math.min(limit, byAge.size()));
    for (Entry e : byAge.descendingSet()) {
      if (newest.size() == limit) {
        break;
      }
      newest.add(e);
    }
    return newest;
  }
}
