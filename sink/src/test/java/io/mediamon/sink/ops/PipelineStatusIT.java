package io.mediamon.sink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediamon.common.DeadLetters;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.FeedHealth;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topic;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's snapshot against a real broker, on records whose counts the test knows. */
class PipelineStatusIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void shouldReportRecordsLagDeadLettersAndFeedHealth() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    String run = String.valueOf(System.nanoTime());
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(),
        "enrich.application.id", "status-enrich-" + run, "sink.group.id", "status-sink-" + run,
        "sink.alerts.application.id", "status-alerts-" + run, "sink.alerts.webhook.group.id", "status-hooks-" + run));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()))) {
      // a broker shared with other tests (KAFKA_BOOTSTRAP) may hold records already: compare with a first snapshot
      PipelineStatus pipeline = new PipelineStatus(settings, admin);
      JsonNode before = pipeline.snapshot(Duration.ofMillis(100), Duration.ofHours(1));
      long rawBefore = endOffset(admin, Topics.RAW.name(), 0);
      for (int i = 0; i < 3; i++) {
        send(Topics.RAW, 0, "d" + i, RawDocument.newBuilder().setId("d" + i).setKind(DocumentKind.ARTICLE)
            .setOrigin(Origin.newBuilder().setType(OriginType.FILE).setUri("file:///d" + i).build())
            .setFetchedAt(Instant.now()).setBody(ByteBuffer.wrap(new byte[] {1})).build());
      }
      // one of enrich's repartition topics, four records in it
      String bands = "status-enrich-" + run + "-near-dup-by-band-repartition";
      admin.createTopics(List.of(new NewTopic(bands, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 4; i++) {
        sendBytes(bands, "band" + i);
      }
      // enrich has read two of the three documents, and one of the band probes
      admin.alterConsumerGroupOffsets("status-enrich-" + run, Map.of(
          new TopicPartition(Topics.RAW.name(), 0), new OffsetAndMetadata(rawBefore + 2),
          new TopicPartition(bands, 0), new OffsetAndMetadata(1))).all().get(30, TimeUnit.SECONDS);
      send(Topics.DLQ, 0, "d9", DeadLetters.of(Topics.RAW.name(), 0, 9, "d9", "enrich.decode",
          new IllegalArgumentException("bad bytes"), null, 100, "test"));
      send(Topics.DLQ, 0, "file:///x", DeadLetters.of("file:///x", -1, -1, "file:///x", "ingest.read",
          new IllegalArgumentException("unreadable"), null, 100, "test"));
      String feedA = "https://a.example/" + run + "/feed";
      String feedB = "https://b.example/" + run + "/feed";
      send(Topics.FEED_HEALTH, 0, feedA, health(feedA, "OK", 0, false));
      send(Topics.FEED_HEALTH, 0, feedA, health(feedA, "ERROR", 1, false));
      send(Topics.FEED_HEALTH, 0, feedB, health(feedB, "OK", 0, true));

      JsonNode status = pipeline.snapshot(Duration.ofMillis(200), Duration.ofHours(1));

      assertThat(delta(before, status, "/topics/media.raw/end_offset")).isEqualTo(3);
      assertThat(status.at("/consumer_lag/status-enrich-" + run + "/media.raw").asLong()).isEqualTo(1);
      assertThat(status.at("/consumer_lag/status-enrich-" + run).get(bands).asLong()).as("the band stage").isEqualTo(3);
      assertThat(status.at("/consumer_lag/status-sink-" + run + "/media.events").asLong()).as("no commit yet").isEqualTo(-1);
      assertThat(delta(before, status, "/dead_letters/count")).isEqualTo(2);
      assertThat(delta(before, status, "/dead_letters/by_stage/enrich.decode")).isEqualTo(1);
      assertThat(delta(before, status, "/dead_letters/by_stage/ingest.read")).isEqualTo(1);
      assertThat(delta(before, status, "/dead_letters/by_origin/media.raw")).isEqualTo(1);
      assertThat(delta(before, status, "/dead_letters/by_origin/input")).isEqualTo(1);
      assertThat(delta(before, status, "/feeds/polled")).isEqualTo(2);
      assertThat(delta(before, status, "/feeds/by_status/ERROR")).isEqualTo(1);
      assertThat(delta(before, status, "/feeds/by_status/OK")).isEqualTo(1);
      assertThat(delta(before, status, "/feeds/stale")).isEqualTo(1);
      assertThat(status.at("/feeds/failing").findValuesAsText("feed")).contains(feedA).doesNotContain(feedB);
    }
  }

  private static long delta(JsonNode before, JsonNode after, String path) {
    return after.at(path).asLong(0) - before.at(path).asLong(0);
  }

  private static FeedHealth health(String feed, String status, int failures, boolean stale) {
    return FeedHealth.newBuilder().setFeedUrl(feed).setPolledAt(Instant.now()).setStatus(status)
        .setConsecutiveFailures(failures).setStale(stale).setErrorMessage(failures > 0 ? "HTTP 500" : null).build();
  }

  private static <V> void send(Topic<String, V> topic, int partition, String key, V value) throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        KAFKA.bootstrap()), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), partition, key, value)).get();
    }
  }

  private static void sendBytes(String topic, String key) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        KAFKA.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, 0, key, new byte[] {1})).get();
    }
  }

  private static long endOffset(Admin admin, String topic, int partition) throws Exception {
    TopicPartition tp = new TopicPartition(topic, partition);
    return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp).offset();
  }
}
