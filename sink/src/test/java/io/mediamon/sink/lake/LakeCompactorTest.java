package io.mediamon.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.EventRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeCompactorTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  @TempDir Path lake;

  /** One file per roll, as a sink with a short roll interval leaves them. */
  private void rolls(int partition, long... offsets) {
    LakeWriter<EventRecord> writer = new LakeWriter<>(lake, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT,
        LakeWriter.Roll.DEFAULT);
    for (long offset : offsets) {
      writer.append(partition, offset, 0, LakeWriterTest.event("e" + partition + "-" + offset, "2023-12-06T08:00:00Z", "fr"), NOW);
      writer.roll(partition);
    }
  }

  private List<String> names() {
    return LakeFiles.parts(lake.resolve("events")).stream().map(p -> p.path().getFileName().toString()).sorted().toList();
  }

  @Test
  void shouldMergeCommittedSmallFilesOfAPartitionInOffsetOrderAndLeaveTheRest() {
    rolls(0, 0, 1, 2, 5, 9);
    rolls(1, 3, 4);
    LakeCompactor.Result r = new LakeCompactor(PartFileWriter.Format.DEFAULT)
        .compact(lake, LakeTable.EVENTS, Map.of(0, 6L), 1L << 20); // offset 9 not committed; partition 1 unknown

    assertThat(names()).containsExactly("part-0-0-5.parquet", "part-0-9-9.parquet", "part-1-3-3.parquet", "part-1-4-4.parquet");
    assertThat(r.merged()).isEqualTo(4);
    assertThat(r.filesBefore()).isEqualTo(7);
    assertThat(r.filesAfter()).isEqualTo(4);
    List<GenericRecord> rows = LakeReader.read(lake.resolve("events/dt=2023-12-06/lang=fr/part-0-0-5.parquet"),
        LakeSchema.of(EventRecord.getClassSchema()));
    assertThat(rows).extracting(row -> row.get(LakeSchema.OFFSET)).containsExactly(0L, 1L, 2L, 5L);
    assertThat(LakeReader.readTable(lake, LakeTable.EVENTS)).hasSize(7);
  }

  @Test
  void shouldDeleteInputsACrashedCompactionLeftBehindAndLeaveBigFiles() throws Exception {
    rolls(0, 0, 1, 2);
    Path dir = lake.resolve("events/dt=2023-12-06/lang=fr");
    // the merged file of a compaction that died before deleting its inputs
    Files.copy(dir.resolve("part-0-0-0.parquet"), dir.resolve("part-0-0-1.parquet"));
    Files.delete(dir.resolve("part-0-0-0.parquet"));
    Files.copy(dir.resolve("part-0-1-1.parquet"), dir.resolve("part-0-0-0.parquet"));

    LakeCompactor.Result r = new LakeCompactor(PartFileWriter.Format.DEFAULT)
        .compact(lake, LakeTable.EVENTS, Map.of(0, 3L), 1); // every file is "big": nothing to merge

    assertThat(r.redundantDeleted()).isEqualTo(2);
    assertThat(names()).containsExactly("part-0-0-1.parquet", "part-0-2-2.parquet");
  }
}
