package io.mediamon.broker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory another broker holds is refused with one sentence, before Kafka's own start-up fails on it. */
class EmbeddedKafkaBrokerLockTest {
  @TempDir Path data;

  @Test
  void shouldRefuseADataDirectoryWhoseLockIsHeld() throws Exception {
    Path kafka = Files.createDirectories(data.resolve("kafka"));
    assertThatCode(() -> EmbeddedKafkaBroker.ensureFree(kafka)).doesNotThrowAnyException();
    try (FileChannel channel = FileChannel.open(kafka.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      assertThatThrownBy(() -> EmbeddedKafkaBroker.ensureFree(kafka))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the data directory " + data + " is in use by another mediamon")
          .hasMessageContaining("--data-dir");
    }
    assertThatCode(() -> EmbeddedKafkaBroker.ensureFree(kafka)).doesNotThrowAnyException();
  }
}
