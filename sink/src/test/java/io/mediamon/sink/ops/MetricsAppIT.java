package io.mediamon.sink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.DeadLetters;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** mediamon metrics on a real broker: a scraper reads the figures of mediamon status as Prometheus gauges. */
class MetricsAppIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void shouldServeLagAndDeadLettersForAScraper() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    String run = String.valueOf(System.nanoTime());
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(),
        "enrich.application.id", "metrics-enrich-" + run, "sink.metrics.port", "0",
        "sink.metrics.interval", "300ms"));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()));
        KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KAFKA.bootstrap()), new StringSerializer(), new ByteArraySerializer());
        KafkaProducer<String, DeadLetter> dlq = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KAFKA.bootstrap()), Topics.DLQ.keySerde().serializer(), Topics.DLQ.valueSerde().serializer())) {
      for (int i = 0; i < 5; i++) {
        raw.send(new ProducerRecord<>(Topics.RAW.name(), 2, "d" + i, new byte[] {1})).get();
      }
      admin.alterConsumerGroupOffsets("metrics-enrich-" + run,
          Map.of(new TopicPartition(Topics.RAW.name(), 2), new OffsetAndMetadata(3))).all().get(30, TimeUnit.SECONDS);
      dlq.send(new ProducerRecord<>(Topics.DLQ.name(), "d9", DeadLetters.of(Topics.RAW.name(), 2, 9, "d9",
          "enrich.near-dup-probes", new IllegalStateException("boom"), null, 100, "test"))).get();

      try (MetricsApp metrics = new MetricsApp(settings, admin)) {
        Thread loop = new Thread(metrics::run, "metrics-it");
        loop.start();
        String lag = "mediamon_consumer_lag{group=\"metrics-enrich-" + run + "\",topic=\"media.raw\"} 2.0";
        String stage = "mediamon_dead_letters_stage{stage=\"enrich.near-dup-probes\"} 1.0";
        String body = awaitScrape(metrics.port(), lag, stage);
        assertThat(body).contains(lag, stage)
            .contains("mediamon_topic_end_offset{topic=\"media.raw\"} 5.0")
            .contains("# HELP mediamon_consumer_lag End offsets minus the group's committed offsets")
            .containsPattern("mediamon_status_refreshed_timestamp_seconds \\d\\.\\d+E9");
        metrics.close();
        loop.join(10_000);
      }
    }
  }

  /** Scrapes until the exposition holds every line (the first refresh takes one interval). */
  private static String awaitScrape(int port, String... lines) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build();
    Instant deadline = Instant.now().plusSeconds(60);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      body = response.body();
      String seen = body;
      if (java.util.Arrays.stream(lines).allMatch(seen::contains)) {
        return body;
      }
      Thread.sleep(200);
    }
    return body;
  }
}
