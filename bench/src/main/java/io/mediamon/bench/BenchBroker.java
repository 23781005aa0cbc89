package io.mediamon.bench;

import io.mediamon.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A real (embedded KRaft) broker on a free port for a benchmark, in a temporary directory removed on close. */
final class BenchBroker implements AutoCloseable {
  private final Path dir;
  private final EmbeddedKafkaBroker broker;

  private BenchBroker(Path dir, EmbeddedKafkaBroker broker) {
    this.dir = dir;
    this.broker = broker;
  }

  static BenchBroker start(String name) throws IOException {
    Path dir = Files.createTempDirectory(name);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // the log cleaner gets Kafka's default memory (the embedded broker's is a laptop demo's 4 MB): compacted
    // changelogs on the broker are part of the state the benches measure, as on a production broker
    return new BenchBroker(dir, EmbeddedKafkaBroker.start(dir.resolve("kafka"), port,
        Map.of("log.cleaner.dedupe.buffer.size", String.valueOf(128 * 1024 * 1024))));
  }

  String bootstrap() {
    return broker.bootstrap();
  }

  /** A directory for the benchmark's own state (Kafka Streams stores), removed with the broker's. */
  Path dir(String name) {
    return dir.resolve(name);
  }

  @Override
  public void close() {
    broker.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
