package io.mediamon.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.lake.LakeWriter;
import io.mediamon.sink.lake.LakeWriterTest;
import io.mediamon.testsupport.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sink on a real broker: every event lands in the lake exactly once, across a crash and a restart. */
class SinkLakeIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @TempDir Path lake;

  @Test
  void shouldWriteEveryEventOnceAcrossACrashBetweenRenameAndCommit() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(),
        "sink.group.id", "sink-it-" + System.nanoTime(), "sink.poll.timeout", "100ms"));

    List<RecordMetadata> first = produce(0, 20);
    runSinkUntil(settings, 20);

    // a sink that crashed after renaming its next file into place but before committing: the lake is ahead of
    // the group's offsets by the records in that file
    List<RecordMetadata> second = produce(20, 30);
    RecordMetadata crashed = second.get(0);
    new LakeWriter(lake, "events").write(crashed.partition(),
        List.of(new LakeWriter.Row(crashed.offset(), LakeWriterTest.event("e20", "2023-12-06T08:00:00Z"))));

    runSinkUntil(settings, 30);
    assertThat(first).hasSize(20);
    List<String> ids = lakeIds();
    assertThat(ids).hasSize(30).doesNotHaveDuplicates();
  }

  private void runSinkUntil(Settings settings, int rows) throws Exception {
    SinkApp sink = new SinkApp(settings, lake);
    Thread loop = new Thread(sink::run, "sink-it");
    loop.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (lakeIds().size() < rows && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    Thread.sleep(500); // let a duplicate, if the sink wrote one, show up before we count
    sink.close();
    loop.join(30_000);
  }

  private List<RecordMetadata> produce(int from, int to) throws Exception {
    List<RecordMetadata> sent = new ArrayList<>();
    try (KafkaProducer<String, EventRecord> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
      for (int i = from; i < to; i++) {
        // one partition, so the crashed file above covers exactly the next record
        sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS.name(), 1, "e" + i,
            LakeWriterTest.event("e" + i, "2023-12-06T08:00:00Z"))).get());
      }
    }
    return sent;
  }

  private List<String> lakeIds() throws Exception {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(lake.resolve("events"))) {
      return ids;
    }
    try (Stream<Path> files = Files.walk(lake.resolve("events"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          ids.add(line.substring(7, line.indexOf('"', 7)));
        }
      }
    }
    return ids;
  }
}
