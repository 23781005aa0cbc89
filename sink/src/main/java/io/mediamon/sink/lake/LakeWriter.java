package io.mediamon.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one table of the lake. For each Kafka partition it keeps a segment: the open part files (one per Hive
 * partition) holding the offsets consumed since the last commit. A segment rolls when it is big, old or has too many
 * files open; rolling renames every file into place and returns the offset the consumer may then commit. On
 * assignment, {@link #recover} removes what an earlier owner renamed but never committed, so the replay writes each
 * row once.
 */
public final class LakeWriter<T extends SpecificRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(LakeWriter.class);
  private final LakeTable<T> table;
  private final Path dir;
  private final Schema rowSchema;
  private final PartFileWriter.Format format;
  private final Roll roll;
  private final ReusedCodecs codecs;
  private final LakeTable.PartitionTime partitionTime;
  private final Map<Integer, Segment> segments = new HashMap<>();

  /** When a segment rolls: total bytes, age of its oldest file, or number of files open. */
  public record Roll(long maxBytes, Duration maxAge, int maxOpenFiles) {
    public static final Roll DEFAULT = new Roll(64L << 20, Duration.ofMinutes(1), 64);
  }

  private static final class Segment {
    final Map<LakeFiles.Partition, PartFileWriter> files = new LinkedHashMap<>();
    Instant openedAt;
    long nextOffset = -1;
  }

  public LakeWriter(Path root, LakeTable<T> table, PartFileWriter.Format format, Roll roll) {
    this(root, table, format, roll, LakeTable.PartitionTime.PUBLISHED);
  }

  public LakeWriter(Path root, LakeTable<T> table, PartFileWriter.Format format, Roll roll,
      LakeTable.PartitionTime partitionTime) {
    this.table = table;
    this.partitionTime = partitionTime;
    this.dir = root.resolve(table.name());
    this.rowSchema = LakeSchema.of(table.schema());
    this.format = format;
    this.roll = roll;
    this.codecs = new ReusedCodecs();
  }

  public LakeTable<T> table() {
    return table;
  }

  public Path dir() {
    return dir;
  }

  /** Decodes and appends one record; a record that does not decode throws and is not appended. */
  public void appendEncoded(int partition, long offset, long timestamp, byte[] value, Instant now) {
    append(partition, offset, timestamp, table.serde().decode(value), now);
  }

  public void append(int partition, long offset, long timestamp, T value, Instant now) {
    Segment segment = segment(partition, now);
    LakeFiles.Partition hive = table.partitionOf(value, timestamp, partitionTime);
    segment.files.computeIfAbsent(hive,
        h -> new PartFileWriter(h.dir(dir), rowSchema, partition, offset, format, codecs, now))
        .append(offset, LakeSchema.row(rowSchema, value, partition, offset, timestamp));
    segment.nextOffset = offset + 1;
  }

  /** Records that an offset was consumed without a row (it went to the dead-letter topic). */
  public void skip(int partition, long offset, Instant now) {
    segment(partition, now).nextOffset = offset + 1;
  }

  private Segment segment(int partition, Instant now) {
    Segment segment = segments.computeIfAbsent(partition, p -> new Segment());
    if (segment.openedAt == null) {
      segment.openedAt = now;
    }
    return segment;
  }

  /** Whether the partition's segment should roll now. */
  public boolean due(int partition, Instant now) {
    Segment s = segments.get(partition);
    if (s == null || s.openedAt == null) {
      return false;
    }
    if (s.files.size() >= roll.maxOpenFiles() || !now.isBefore(s.openedAt.plus(roll.maxAge()))) {
      return true;
    }
    long bytes = 0;
    for (PartFileWriter f : s.files.values()) {
      bytes += f.dataSize();
    }
    return bytes >= roll.maxBytes();
  }

  public List<Integer> openPartitions() {
    return new ArrayList<>(segments.keySet());
  }

  /**
   * Renames every file of the partition's segment into place. Returns the offset to commit (the next one to read),
   * or empty when nothing was consumed since the last roll.
   */
  public OptionalLong roll(int partition) {
    Segment s = segments.remove(partition);
    if (s == null || s.nextOffset < 0) {
      return OptionalLong.empty();
    }
    for (PartFileWriter f : s.files.values()) {
      Path done = f.commit();
      LOG.debug("{}: {} rows -> {}", table.name(), f.rows(), done);
    }
    return OptionalLong.of(s.nextOffset);
  }

  /** Drops the partition's open files without renaming them: after a revocation, the next owner writes them. */
  public void abandon(int partition) {
    Segment s = segments.remove(partition);
    if (s != null) {
      s.files.values().forEach(PartFileWriter::abort);
    }
  }

  /**
   * Makes the lake agree with the consumer group before a partition is read. With a committed offset, files holding
   * offsets at or after it were renamed by an owner that died before committing: they are deleted, and the replay
   * writes those rows again. Without one (a new group, or offsets expired), reading resumes after the highest offset
   * already in the lake. Returns where to resume, if the lake says.
   */
  public OptionalLong recover(int partition, OptionalLong committed) {
    abandon(partition);
    try {
      for (Path stale : LakeFiles.inProgress(dir, partition)) {
        Files.deleteIfExists(stale);
      }
      if (committed.isPresent()) {
        for (LakeFiles.Part part : LakeFiles.parts(dir)) {
          if (part.partition() == partition && part.firstOffset() >= committed.getAsLong()) {
            LOG.info("{}: {} was written after the last commit; replaying it", table.name(), part.path());
            Files.deleteIfExists(part.path());
          }
        }
        return committed;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover lake table " + dir, e);
    }
    return LakeFiles.parts(dir).stream().filter(p -> p.partition() == partition)
        .mapToLong(p -> p.lastOffset() + 1).max();
  }
}
