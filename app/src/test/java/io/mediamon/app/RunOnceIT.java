package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.sink.lake.LakeFiles;
import io.mediamon.sink.lake.LakeReader;
import io.mediamon.sink.lake.LakeTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI contract users and benchmarks rely on: {@code mediamon run --once} on the embedded KRaft broker prints one
 * JSON event per line on stdout, and a second run on the same data directory prints none.
 */
class RunOnceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;

  /** What a CLI run printed: its exit code, its stdout JSON lines, its stderr. */
  record Result(int exitCode, List<JsonNode> events, String stderr) {}

  static Result run(String... args) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    List<JsonNode> events = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line));
      }
    }
    return new Result(code, events, err.toString());
  }

  static int freePort() {
    return io.mediamon.testsupport.TestPorts.freePair();
  }

  static Path seeds() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("seeds"))) {
        return dir.resolve("seeds");
      }
    }
    throw new IllegalStateException("no seeds/ folder above " + Path.of("").toAbsolutePath());
  }

  @Test
  void shouldPrintTheSeedOnceAndNothingOnASecondRunOnTheSameDataDirectory() throws Exception {
    String port = String.valueOf(freePort());
    Result first = run("run", "--once", "--data-dir", dataDir.toString(), "--broker-port", port,
        "-D", "kafka.bootstrap=", seeds().toString());

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.events()).hasSize(1);
    JsonNode event = first.events().get(0);
    assertThat(event.get("title").asText()).isEqualTo("Niger : La Russie s’installe après le départ forcé de la France");
    assertThat(event.get("language").asText()).isEqualTo("fr");
    assertThat(event.at("/dateline/place").asText()).isEqualTo("Niamey");
    assertThat(event.at("/dateline/date").asText()).isEqualTo("2023-12-06");
    assertThat(event.at("/dateline/source").asText()).isEqualTo("Lomé Actu");
    assertThat(event.at("/linked_posts/0/posted_at").asText()).isEqualTo("2023-12-04T14:53:30Z");
    assertThat(event.at("/dedup/status").asText()).isEqualTo("FIRST");
    assertThat(event.get("text").asText()).doesNotContain("moov portabilité", "Lire Aussi");
    assertThat(first.stderr()).contains("1 documents in, 1 events, 0 duplicates, 0 dead letters");
    assertThat(LakeFiles.parts(dataDir.resolve("lake/events"))).singleElement()
        .satisfies(part -> assertThat(part.path().getParent().toString()).endsWith("events/dt=2023-12-06/lang=fr"));
    assertThat(LakeReader.readTable(dataDir.resolve("lake"), LakeTable.EVENTS)).singleElement()
        .satisfies(row -> assertThat(row.get("title").toString()).startsWith("Niger : La Russie"));
    assertThat(LakeReader.readTable(dataDir.resolve("lake"), LakeTable.STORIES)).isNotEmpty();

    // same data directory, so the same broker storage and Streams state: the copy is recognised
    Result second = run("run", "--once", "--data-dir", dataDir.toString(), "--broker-port", port,
        "-D", "kafka.bootstrap=", seeds().toString());
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.events()).isEmpty();
    assertThat(second.stderr()).contains("1 documents in, 0 events, 1 duplicates, 0 dead letters");
  }
}
