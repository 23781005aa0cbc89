package io.mediamon.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the small files of a table: within one Hive partition, the committed files of one Kafka partition are
 * rewritten, in offset order and under the current schema, into one file named by the first and last offsets.
 * Only files below the sink's committed offsets are touched, so the sink's own recovery never sees a merged file
 * as uncommitted. The merged file is renamed into place before its inputs are deleted; a crash in between leaves
 * inputs whose offsets a bigger file covers, and the next run deletes them first.
 */
public final class LakeCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(LakeCompactor.class);
  private final PartFileWriter.Format format;

  public LakeCompactor(PartFileWriter.Format format) {
    this.format = format;
  }

  /** What a run did. */
  public record Result(int filesBefore, int filesAfter, int merged, int redundantDeleted) {}

  /**
   * Compacts one table. {@code committed} is the sink group's next offset per Kafka partition; files of partitions
   * missing from it are left alone. Files of at least {@code smallBytes} are left as they are.
   */
  public Result compact(Path root, LakeTable<?> table, Map<Integer, Long> committed, long smallBytes) {
    Path tableDir = root.resolve(table.name());
    Schema rowSchema = LakeSchema.of(table.schema());
    List<LakeFiles.Part> before = LakeFiles.parts(tableDir);
    Map<Path, List<LakeFiles.Part>> byDir = before.stream()
        .collect(Collectors.groupingBy(p -> p.path().getParent(), TreeMap::new, Collectors.toList()));
    int merged = 0;
    int redundant = 0;
    try {
      for (List<LakeFiles.Part> parts : byDir.values()) {
        List<LakeFiles.Part> live = new ArrayList<>();
        for (LakeFiles.Part p : parts) {
          if (parts.stream().anyMatch(other -> other.contains(p))) {
            LOG.info("{} is covered by a compacted file; deleting it", p.path());
            Files.deleteIfExists(p.path());
            redundant++;
          } else {
            live.add(p);
          }
        }
        Map<Integer, List<LakeFiles.Part>> byPartition = live.stream().collect(Collectors.groupingBy(LakeFiles.Part::partition));
        for (Map.Entry<Integer, List<LakeFiles.Part>> e : byPartition.entrySet()) {
          Long next = committed.get(e.getKey());
          if (next == null) {
            continue;
          }
          List<LakeFiles.Part> small = new ArrayList<>();
          for (LakeFiles.Part p : e.getValue()) {
            if (p.lastOffset() < next && Files.size(p.path()) < smallBytes) {
              small.add(p);
            }
          }
          if (small.size() >= 2) {
            small.sort(Comparator.comparingLong(LakeFiles.Part::firstOffset));
            merge(small, rowSchema);
            merged += small.size();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact " + tableDir, e);
    }
    return new Result(before.size(), LakeFiles.parts(tableDir).size(), merged, redundant);
  }

  private void merge(List<LakeFiles.Part> parts, Schema rowSchema) throws IOException {
    LakeFiles.Part first = parts.get(0);
    Path dir = first.path().getParent();
    long last = parts.stream().mapToLong(LakeFiles.Part::lastOffset).max().orElseThrow();
    Path tmp = dir.resolve(".part-" + first.partition() + "-" + first.firstOffset() + ".parquet.compacting");
    try (ParquetWriter<GenericRecord> writer = format.open(tmp, rowSchema)) {
      for (LakeFiles.Part p : parts) {
        LakeReader.forEach(p.path(), rowSchema, row -> {
          try {
            writer.write(row);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    Path target = dir.resolve(LakeFiles.partName(first.partition(), first.firstOffset(), last));
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (LakeFiles.Part p : parts) {
      Files.deleteIfExists(p.path());
    }
    LOG.info("merged {} files into {}", parts.size(), target);
  }
}
