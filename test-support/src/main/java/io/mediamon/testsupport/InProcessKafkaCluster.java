package io.mediamon.testsupport;

import io.mediamon.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A single-node KRaft broker inside the test JVM: the command line's own embedded broker ({@link
 * EmbeddedKafkaBroker}, the one class that touches Kafka's internal server API), on a fresh data directory and free
 * ports, so the tests run on the broker users run.
 */
final class InProcessKafkaCluster implements TestBroker {
  private final Path dataDir;
  private EmbeddedKafkaBroker broker;

  InProcessKafkaCluster() {
    try {
      dataDir = Files.createTempDirectory("mediamon-test-kafka");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the test broker's data directory", e);
    }
    // tests compact a few small topics: a small cleaner buffer keeps the test JVM's heap for the tests; a port probed
    // free can be taken before the broker binds it, so a start that fails is tried again on other ports
    RuntimeException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("attempt-" + attempt), TestPorts.freePair(),
            Map.of("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024)));
        return;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    delete(dataDir);
    throw last;
  }

  @Override
  public String bootstrap() {
    return broker.bootstrap();
  }

  @Override
  public String description() {
    return "in-process KRaft broker (EmbeddedKafkaBroker) at " + bootstrap();
  }

  @Override
  public void close() {
    broker.close();
    delete(dataDir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no failure of the tests
    }
  }
}
