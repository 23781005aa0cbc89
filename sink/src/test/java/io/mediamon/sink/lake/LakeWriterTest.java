package io.mediamon.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LakeWriterTest {
  @TempDir Path lake;

  public static EventRecord event(String id, String publishedAt) {
    return EventRecord.newBuilder().setId(id).setSource(Source.newBuilder().build()).setText("text of " + id)
        .setPublishedAt(publishedAt == null ? null : Instant.parse(publishedAt))
        .setTags(Tags.newBuilder().build()).setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
        .setProvenance(Provenance.newBuilder().setIngestedAt(Instant.parse("2024-05-01T10:00:00Z")).build()).build();
  }

  @Test
  void shouldWriteOneFilePerDateNamedByOffsetsAndRememberHowFarItWrote() throws Exception {
    LakeWriter writer = new LakeWriter(lake, "events");
    assertThat(writer.lastWrittenOffset(2)).isEmpty();

    List<Path> files = writer.write(2, List.of(
        new LakeWriter.Row(10, event("a", "2023-12-06T08:00:00Z")),
        new LakeWriter.Row(11, event("b", "2023-12-07T08:00:00Z")),
        new LakeWriter.Row(12, event("c", "2023-12-06T23:59:59Z")),
        new LakeWriter.Row(13, event("d", null))));

    assertThat(files).extracting(p -> lake.relativize(p).toString()).containsExactly(
        "events/dt=2023-12-06/part-2-10-12.jsonl",
        "events/dt=2023-12-07/part-2-11-11.jsonl",
        "events/dt=2024-05-01/part-2-13-13.jsonl");
    assertThat(Files.readAllLines(files.get(0))).hasSize(2).allMatch(line -> line.startsWith("{\"id\":"));
    assertThat(writer.lastWrittenOffset(2)).hasValue(13);
    assertThat(writer.lastWrittenOffset(1)).isEmpty();
    try (var leftovers = Files.walk(lake)) {
      assertThat(leftovers.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void shouldRewriteTheSameFileWhenAReplayWritesTheSameOffsets() throws Exception {
    LakeWriter writer = new LakeWriter(lake, "events");
    List<LakeWriter.Row> rows = List.of(new LakeWriter.Row(0, event("a", "2023-12-06T08:00:00Z")));
    Path first = writer.write(0, rows).get(0);
    Path again = writer.write(0, rows).get(0);
    assertThat(again).isEqualTo(first);
    try (var files = Files.list(first.getParent())) {
      assertThat(files).hasSize(1);
    }
  }
}
