package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.app.cli.StopSignal;
import io.mediamon.sink.lake.LakeReader;
import io.mediamon.sink.lake.LakeTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mediamon run} in its own JVM, stopped by a real SIGTERM (what Ctrl-C, systemd and Docker send): it closes
 * enrich, the sink and the embedded broker before exiting, so the lake holds no half-written file and the next start
 * finds enrich's checkpoints instead of wiping its state and rebuilding it from the changelogs.
 */
class StopOnSignalIT {
  private static final Duration START = Duration.ofMinutes(3);
  @TempDir Path work;

  @Test
  void shouldCloseEveryPartOnSigtermAndRestartWithItsStateIntact() throws Exception {
    Path dataDir = work.resolve("data");
    String port = String.valueOf(RunOnceIT.freePort());
    Path out = work.resolve("run.out");
    Path log = work.resolve("run.log");
    Process run = mediamon(out, log, "run", "--data-dir", dataDir.toString(), "--broker-port", port,
        "-D", "kafka.bootstrap=", "-D", "web.port=0", RunOnceIT.seeds().toString());
    try {
      awaitUntil(() -> lines(out).size() == 1 && !inProgress(dataDir).isEmpty(), run, log,
          "the seed's event printed and its lake file open");

      run.destroy(); // SIGTERM
      assertThat(run.waitFor(StopSignal.GRACE.toSeconds() + 30, TimeUnit.SECONDS)).as(read(log)).isTrue();
    } finally {
      run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(inProgress(dataDir)).as("half-written lake files").isEmpty();
    assertThat(LakeReader.readTable(dataDir.resolve("lake"), LakeTable.EVENTS)).hasSize(1);
    assertThat(read(log)).contains("stopping: closing every part in order").doesNotContain("exiting anyway");

    // the same data directory again: the seed is a known copy, and enrich starts from its checkpoints
    Path again = work.resolve("again.out");
    Path againLog = work.resolve("again.log");
    Process once = mediamon(again, againLog, "run", "--once", "--data-dir", dataDir.toString(), "--broker-port",
        port, "-D", "kafka.bootstrap=", RunOnceIT.seeds().toString());
    assertThat(once.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as(read(againLog)).isTrue();
    assertThat(once.exitValue()).as(read(againLog)).isZero();
    assertThat(read(againLog))
        .contains("1 documents in, 0 events, 1 duplicates, 0 dead letters")
        .doesNotContain("checkpoint", "wipe");
    assertThat(lines(again)).isEmpty();
    assertThat(LakeReader.readTable(dataDir.resolve("lake"), LakeTable.EVENTS)).hasSize(1);
  }

  private static Process mediamon(Path out, Path log, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile());
    builder.environment().remove("KAFKA_BOOTSTRAP");
    return builder.start();
  }

  private static List<Path> inProgress(Path dataDir) throws IOException {
    Path lake = dataDir.resolve("lake");
    if (!Files.isDirectory(lake)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(lake)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".inprogress")).toList();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private interface Check {
    boolean holds() throws IOException;
  }

  private static void awaitUntil(Check check, Process process, Path log, String what) throws Exception {
    Instant deadline = Instant.now().plus(START);
    while (!check.holds()) {
      assertThat(process.isAlive()).as("the run died before " + what + ":\n" + read(log)).isTrue();
      assertThat(Instant.now()).as(what + " within " + START + ":\n" + read(log)).isBefore(deadline);
      Thread.sleep(250);
    }
  }
}
