package io.mediamon.sink.lake;

import io.mediamon.schemas.AvroJson;
import io.mediamon.schemas.EventRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a table of the lake: {@code <root>/<table>/dt=YYYY-MM-DD/part-<partition>-<firstOffset>-<lastOffset>.jsonl},
 * one JSON event per line. Each file is written to a temporary name and renamed atomically, so a reader never sees
 * half a file; names come from offsets, so the lake itself records how far each partition has been written.
 */
public final class LakeWriter {
  private static final Pattern PART = Pattern.compile("part-(\\d+)-(\\d+)-(\\d+)\\.jsonl");
  private final Path table;

  public LakeWriter(Path root, String table) {
    this.table = root.resolve(table);
  }

  /** One record to write: its offset and event. */
  public record Row(long offset, EventRecord event) {}

  /** Writes the rows of one partition (in offset order), one file per date; returns the files written. */
  public List<Path> write(int partition, List<Row> rows) {
    Map<LocalDate, List<Row>> byDate = new TreeMap<>();
    for (Row row : rows) {
      byDate.computeIfAbsent(dateOf(row.event()), d -> new java.util.ArrayList<>()).add(row);
    }
    List<Path> written = new java.util.ArrayList<>();
    try {
      for (Map.Entry<LocalDate, List<Row>> e : byDate.entrySet()) {
        List<Row> part = e.getValue();
        Path dir = table.resolve("dt=" + e.getKey());
        Files.createDirectories(dir);
        String name = "part-" + partition + "-" + part.get(0).offset() + "-" + part.get(part.size() - 1).offset() + ".jsonl";
        Path tmp = dir.resolve("." + name + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          for (Row row : part) {
            out.write(AvroJson.toJson(row.event()));
            out.write('\n');
          }
        }
        Path target = dir.resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        written.add(target);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write lake table " + table, ex);
    }
    return written;
  }

  /** The highest offset of {@code partition} already in the lake, if any: where a restarted sink resumes. */
  public OptionalLong lastWrittenOffset(int partition) {
    if (!Files.isDirectory(table)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.walk(table, 2)) {
      return files.map(p -> PART.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .filter(m -> Integer.parseInt(m.group(1)) == partition)
          .mapToLong(m -> Long.parseLong(m.group(3)))
          .max();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list lake table " + table, e);
    }
  }

  /** The date partition of an event: its publication date, else the day it was ingested, in UTC. */
  static LocalDate dateOf(EventRecord event) {
    Instant t = event.getPublishedAt() != null ? event.getPublishedAt()
        : event.getProvenance().getIngestedAt() != null ? event.getProvenance().getIngestedAt() : Instant.EPOCH;
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
