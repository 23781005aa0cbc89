package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.enrich.extract.SeedDocument;
import io.mediamon.ingest.IngestApp;
import io.mediamon.ingest.IngestReport;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ingest and enrich on a real broker: the seed end to end with its tags, a second run, and a poison record. */
class EnrichPipelineIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @TempDir Path stateDir;
  private Settings settings;
  private EnrichApp enrich;

  @BeforeEach
  void startEnrich() {
    // a fresh application id per test: fresh dedup stores, even on a shared external cluster
    settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(),
        "enrich.application.id", "enrich-it-" + System.nanoTime()));
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    enrich = new EnrichApp(settings, stateDir);
    enrich.start();
  }

  @AfterEach
  void stopEnrich() {
    enrich.close();
  }

  private static String id() {
    return Long.toString(System.nanoTime(), 36);
  }

  private IngestReport ingestSeed() {
    try (IngestApp ingest = new IngestApp(settings)) {
      return ingest.ingest(List.of(SeedDocument.path().toString()));
    }
  }

  @Test
  void shouldTurnTheSeedIntoOneEventAndRecogniseASecondRun() {
    try (TopicProbe<String, EventRecord> events = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.EVENTS);
        TopicProbe<String, EventRecord> duplicates = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DUPLICATES)) {
      String id = ingestSeed().documentIds().get(0);

      EventRecord event = events.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(id)), WAIT).stream()
          .filter(r -> r.key().equals(id)).findFirst().orElseThrow().value();
      SeedExpectations.assertSeedEvent(event);

      // the same input again: recognised, so no second event
      assertThat(ingestSeed().documentIds()).containsExactly(id);
      EventRecord copy = duplicates.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(id)), WAIT).get(0).value();
      assertThat(copy.getDedup().getStatus()).isEqualTo(DedupStatus.DUPLICATE);
      assertThat(copy.getDedup().getDuplicateOf()).isEqualTo(id);
      assertThat(events.drain(Duration.ofSeconds(2))).extracting(ConsumerRecord::key).containsExactly(id);
    }
  }

  /**
   * A record enrich cannot read on a topic other than media.raw (here media.near-dup-repoints, which enrich also
   * reads) must not stop it: Kafka Streams' own handlers send it to media.dlq, in the same transaction, and go on.
   */
  @Test
  void shouldDeadLetterARecordItCannotReadOnAnInternalTopicAndKeepJudging() throws Exception {
    try (TopicProbe<String, DeadLetter> dlq = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DLQ);
        TopicProbe<String, EventRecord> events = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.EVENTS);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()), new ByteArraySerializer(),
            new ByteArraySerializer())) {
      byte[] garbage = "\u00c3\u0001 not a re-point".getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(Topics.NEAR_DUP_REPOINTS.name(), 1, "band-key".getBytes(StandardCharsets.UTF_8),
          garbage)).get();
      Path unique = stateDir.resolve("after-garbage.txt");
      java.nio.file.Files.writeString(unique, "Un autre article unique\n\n" + ("Ce texte-ci n'existe que dans ce test "
          + id() + ", et il est assez long pour être signé et comparé. ").repeat(12));
      String id;
      try (IngestApp ingest = new IngestApp(settings)) {
        id = ingest.ingest(List.of(unique.toString())).documentIds().get(0);
      }

      DeadLetter dead = dlq.awaitUntil(seen -> seen.stream()
          .anyMatch(r -> r.value().getOriginTopic().equals(Topics.NEAR_DUP_REPOINTS.name())), WAIT).stream()
          .map(ConsumerRecord::value).filter(d -> d.getOriginTopic().equals(Topics.NEAR_DUP_REPOINTS.name()))
          .findFirst().orElseThrow();
      assertThat(dead.getOriginPartition()).isEqualTo(1);
      assertThat(dead.getOriginOffset()).isGreaterThanOrEqualTo(0);
      assertThat(dead.getOriginKey()).isEqualTo("band-key");
      assertThat(dead.getStage()).isEqualTo("enrich.deserialize");
      assertThat(dead.getErrorMessage()).isNotBlank();
      byte[] payload = new byte[dead.getPayload().remaining()];
      dead.getPayload().duplicate().get(payload);
      assertThat(payload).isEqualTo(garbage);
      assertThat(events.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(id)), WAIT)).isNotEmpty();
      assertThat(enrich.isRunning()).isTrue();
      assertThat(enrich.metrics().deadLetters()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void shouldDeadLetterAPoisonRecordAndLetTheNextGoodOneThrough() throws Exception {
    try (TopicProbe<String, DeadLetter> dlq = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DLQ);
        TopicProbe<String, EventRecord> events = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.EVENTS);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()), new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.RAW.name(), 0, "poison-1",
          "\u00c3\u0001 definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
      // a document no other test of this class ingests, so it is the first copy of its story whatever ran before
      Path unique = stateDir.resolve("unique.txt");
      java.nio.file.Files.writeString(unique, "Un article unique\n\n" + ("Ce texte n'existe que dans ce test " + id()
          + ", et il est assez long pour être signé. ").repeat(12));
      String id;
      try (IngestApp ingest = new IngestApp(settings)) {
        id = ingest.ingest(List.of(unique.toString())).documentIds().get(0);
      }

      DeadLetter dead = dlq.awaitUntil(seen -> !seen.isEmpty(), WAIT).get(0).value();
      assertThat(dead.getOriginTopic()).isEqualTo(Topics.RAW.name());
      assertThat(dead.getOriginPartition()).isEqualTo(0);
      assertThat(dead.getOriginOffset()).isGreaterThanOrEqualTo(0);
      assertThat(dead.getOriginKey()).isEqualTo("poison-1");
      assertThat(dead.getStage()).isEqualTo("enrich.decode");
      assertThat(dead.getErrorMessage()).contains("not a RawDocument record");
      assertThat(events.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(id)), WAIT)).isNotEmpty();
      assertThat(enrich.isRunning()).isTrue();
    }
  }
}
