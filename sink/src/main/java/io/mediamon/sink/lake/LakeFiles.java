package io.mediamon.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lake's file layout: {@code <root>/<table>/dt=YYYY-MM-DD/lang=xx/part-<partition>-<firstOffset>-<lastOffset>.parquet}.
 * Names come from Kafka offsets, so the lake itself says which offsets of which partition it holds. Files being
 * written are hidden ({@code .part-...inprogress}); readers such as DuckDB skip names starting with a dot.
 */
public final class LakeFiles {
  private static final Pattern PART = Pattern.compile("part-(\\d+)-(\\d+)-(\\d+)\\.parquet");
  private static final Pattern IN_PROGRESS = Pattern.compile("\\.part-(\\d+)-.*\\.inprogress");

  private LakeFiles() {}

  /** A Hive partition of a table. */
  public record Partition(LocalDate dt, String lang) {
    public Path dir(Path table) {
      return table.resolve("dt=" + dt).resolve("lang=" + lang);
    }
  }

  /** A finished part file: the offsets of one Kafka partition it holds (not every offset between need be in it). */
  public record Part(Path path, int partition, long firstOffset, long lastOffset) {
    public boolean contains(Part other) {
      return partition == other.partition && firstOffset <= other.firstOffset && lastOffset >= other.lastOffset
          && !path.equals(other.path);
    }
  }

  public static String partName(int partition, long firstOffset, long lastOffset) {
    return "part-" + partition + "-" + firstOffset + "-" + lastOffset + ".parquet";
  }

  public static String inProgressName(int partition, long firstOffset) {
    return ".part-" + partition + "-" + firstOffset + ".parquet.inprogress";
  }

  public static Optional<Part> parse(Path file) {
    Matcher m = PART.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Part(file, Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
  }

  /** Every finished part file of a table. */
  public static List<Part> parts(Path table) {
    return walk(table, s -> s.map(LakeFiles::parse).flatMap(Optional::stream).toList());
  }

  /** Files a writer of {@code partition} left half-written. */
  static List<Path> inProgress(Path table, int partition) {
    return walk(table, s -> s.filter(p -> {
      Matcher m = IN_PROGRESS.matcher(p.getFileName().toString());
      return m.matches() && Integer.parseInt(m.group(1)) == partition;
    }).toList());
  }

  private static <R> List<R> walk(Path table, java.util.function.Function<Stream<Path>, List<R>> f) {
    if (!Files.isDirectory(table)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(table, 3)) {
      return f.apply(files.filter(Files::isRegularFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list lake table " + table, e);
    }
  }
}
