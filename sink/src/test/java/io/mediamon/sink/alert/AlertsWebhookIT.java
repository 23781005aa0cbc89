package io.mediamon.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.AlertRule;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts service on a real broker with webhook receivers on loopback: a working receiver gets the alert once,
 * a failing one gets every attempt and the alert then lands on media.dlq; a rule published on media.alert-rules
 * while the service runs starts alerting without a restart.
 */
class AlertsWebhookIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @TempDir Path dir;
  private HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> failedCalls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void receivers() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> {
      received.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.createContext("/down", exchange -> {
      failedCalls.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldDeliverRetryDeadLetterAndPickUpLiveRules() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, """
        - id: niger
          query: country:NE AND topic:16000000
          webhook: %s/ok/T0-s3cr3t-ok
        - id: sahel
          query: country:ML
          webhook: %s/down/T0-s3cr3t-down?token=s3cr3t
        """.formatted(base, base));
    String run = String.valueOf(System.nanoTime());
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(),
        "sink.alerts.application.id", "alerts-it-" + run, "sink.alerts.webhook.group.id", "webhooks-it-" + run,
        "sink.alerts.webhook.attempts", "3", "sink.alerts.webhook.allow.private.addresses", "true", "sink.alerts.webhook.backoff", "50ms",
        "sink.alerts.webhook.backoff.max", "100ms"));
    TopicProbe<String, DeadLetter> deadLetters = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DLQ);
    TopicProbe<String, AlertRecord> alerts = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.ALERTS);
    AlertsApp app = new AlertsApp(settings, rules, dir.resolve("state"));
    Thread loop = new Thread(app::run, "alerts-it");
    loop.start();
    try (deadLetters; alerts) {
      produce(Topics.EVENTS.name(), "seed", QueryTest.seedLike(), Topics.EVENT_SERDE.serializer());

      await(() -> received.size() >= 1 && failedCalls.size() >= 3);
      assertThat(received).singleElement().satisfies(body -> {
        assertThat(body.at("/alert/alert_id").asText()).isEqualTo("niger:seed");
        assertThat(body.get("text").asText()).contains("*niger*", "1 outlet");
        assertThat(body.toString()).doesNotContain("s3cr3t");
      });
      List<ConsumerRecord<String, DeadLetter>> dlq = deadLetters.awaitUntil(r -> !r.isEmpty(), Duration.ofSeconds(60));
      assertThat(dlq).singleElement().satisfies(r -> {
        assertThat(r.value().getStage()).isEqualTo("alerts.webhook");
        assertThat(r.value().getOriginTopic()).isEqualTo(Topics.ALERTS.name());
        assertThat(r.value().getOriginKey()).isEqualTo("sahel:seed");
        // the receiver's URL is its credential: the dead letter names the host, and its payload keeps no path
        assertThat(r.value().getErrorMessage()).contains(base + "/[hidden]", "after 3 attempts", "HTTP 503")
            .doesNotContain("s3cr3t");
        java.nio.ByteBuffer payload = r.value().getPayload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        AlertRecord kept = Topics.ALERT_SERDE.decode(bytes);
        assertThat(kept.getWebhooks()).containsExactly(base + "/[hidden]");
      });
      assertThat(failedCalls).containsOnly("sahel:seed").hasSize(3);

      // a rule edited live: no restart, the next event is judged by it
      produce(Topics.ALERT_RULES.name(), "wagner", AlertRule.newBuilder().setId("wagner").setQuery("entity:\"Wagner\"")
          .setWebhooks(List.of(base + "/ok")).build(), Topics.ALERT_RULE_SERDE.serializer());
      for (int i = 1; i <= 40 && received.stream().noneMatch(b -> b.at("/alert/rule_id").asText().equals("wagner")); i++) {
        EventRecord next = QueryTest.seedLike();
        next.setId("seed-" + i);
        next.setStoryId("seed-" + i);
        produce(Topics.EVENTS.name(), next.getId(), next, Topics.EVENT_SERDE.serializer());
        Thread.sleep(500);
      }
      assertThat(received).anySatisfy(b -> assertThat(b.at("/alert/rule_id").asText()).isEqualTo("wagner"));
      assertThat(alerts.drain(Duration.ofSeconds(2))).extracting(ConsumerRecord::key)
          .contains("niger:seed", "sahel:seed").doesNotHaveDuplicates();
    } finally {
      app.close();
      loop.join(60_000);
    }
  }

  private <V> void produce(String topic, String key, V value, Serializer<V> serializer) throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        KAFKA.bootstrap()), Topics.ALERTS.keySerde().serializer(), serializer)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
  }
}
