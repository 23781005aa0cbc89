package io.mediamon.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.lake.LakeReader;
import io.mediamon.sink.lake.LakeTable;
import io.mediamon.sink.lake.LakeWriterTest;
import io.mediamon.sink.ops.PipelineStatus;
import io.mediamon.testsupport.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * media.events is written in transactions, so its end offset counts a commit marker after each. A sink that has
 * everything in the lake must not show that marker as lag to the operator: it commits past it once idle.
 */
class SinkLagIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @TempDir Path lake;

  @Test
  void shouldShowNoLagOnceEveryTransactionalRecordIsInTheLake() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    String group = "sink-lag-it-" + System.nanoTime();
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "sink.group.id", group,
        "sink.poll.timeout", "100ms", "sink.lake.roll.interval", "300ms"));
    TopicPartition events = new TopicPartition(Topics.EVENTS.name(), 0);
    produceInTransactions(events.partition(), 2, 3);

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()));
        SinkApp sink = new SinkApp(settings, lake)) {
      long end = admin.listOffsets(Map.of(events, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
          .get(events).offset();
      assertThat(end).as("6 records and 2 commit markers").isEqualTo(8);
      Thread loop = new Thread(sink::run, "sink-lag-it");
      loop.start();
      try {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (committed(admin, group, events) < end) {
          assertThat(Instant.now()).as("the sink commits past the last marker").isBefore(deadline);
          Thread.sleep(100);
        }
        assertThat(committed(admin, group, events)).isEqualTo(end);
        assertThat(LakeReader.readTable(lake, LakeTable.EVENTS)).hasSize(6);
        JsonNode status = new PipelineStatus(settings, admin).snapshot(Duration.ofMillis(100), Duration.ofHours(1));
        assertThat(status.at("/consumer_lag/" + group + "/media.events").asLong()).isZero();
      } finally {
        sink.close();
        loop.join(30_000);
      }
    }
  }

  private static long committed(Admin admin, String group, TopicPartition tp) throws Exception {
    var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    return offsets.containsKey(tp) ? offsets.get(tp).offset() : -1;
  }

  private static void produceInTransactions(int partition, int transactions, int perTransaction) {
    try (KafkaProducer<String, EventRecord> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sink-lag-it-" + System.nanoTime()),
        Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
      producer.initTransactions();
      for (int t = 0; t < transactions; t++) {
        producer.beginTransaction();
        for (int i = 0; i < perTransaction; i++) {
          String id = "t" + t + "-" + i;
          producer.send(new ProducerRecord<>(Topics.EVENTS.name(), partition, id,
              LakeWriterTest.event(id, "2023-12-06T08:00:00Z", "fr")));
        }
        producer.commitTransaction();
      }
    }
  }
}
