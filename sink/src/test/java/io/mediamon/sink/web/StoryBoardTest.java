package io.mediamon.sink.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.StoryRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryBoardTest {
  private static StoryRecord story(String id, long firstSeen) {
    return StoryRecord.newBuilder().setStoryId(id).setFirstSeenAt(Instant.ofEpochSecond(firstSeen))
        .setArticleCount(1).setSourceCount(1).setSources(List.of()).setCopies(List.of()).build();
  }

  @Test
  void shouldListNewestFirstReplaceUpdatesAndDropTheOldestBeyondItsSize() {
    StoryBoard board = new StoryBoard(3);
    board.put(story("a", 10), Instant.ofEpochSecond(100));
    board.put(story("b", 20), Instant.ofEpochSecond(101));
    board.put(story("c", 30), Instant.ofEpochSecond(102));
    board.put(story("a", 10), Instant.ofEpochSecond(103)); // an update: replaced, not added
    assertThat(board.recent(10)).extracting(e -> e.story().getStoryId()).containsExactly("c", "b", "a");
    board.put(story("d", 40), Instant.ofEpochSecond(104));
    assertThat(board.recent(10)).extracting(e -> e.story().getStoryId()).containsExactly("d", "c", "b");
    assertThat(board.get("a")).isNull();
    assertThat(board.recent(2)).extracting(e -> e.story().getStoryId()).containsExactly("d", "c");
    board.remove("c");
    assertThat(board.recent(10)).extracting(e -> e.story().getStoryId()).containsExactly("d", "b");
  }

  @Test
  void shouldStayBoundedAndInOrderThroughALongReplay() {
    StoryBoard board = new StoryBoard(2_000);
    for (int i = 0; i < 1_000_000; i++) {
      board.put(story("s" + (i % 50_000), i % 50_000), Instant.ofEpochSecond(i));
    }
    assertThat(board.recent(5_000)).hasSize(2_000);
    assertThat(board.recent(1).get(0).story().getStoryId()).isEqualTo("s49999");
  }
}
