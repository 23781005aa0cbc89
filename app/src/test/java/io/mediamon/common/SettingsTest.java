package io.mediamon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/* Here, beside the command line, because settings are declared per module: only here are every module's keys known. */
class SettingsTest {

  @Test
  void shouldLayerDefaultsThenFileThenEnvironmentThenOverrides(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mediamon.properties");
    Files.writeString(file, "sink.poll.timeout=2s\nenrich.threads=3\nrun.broker.port=20000\n");

    Settings settings = Settings.load(file,
        Map.of("MEDIAMON_ENRICH_THREADS", "4", "KAFKA_BOOTSTRAP", "kafka:9092"),
        Map.of("run.broker.port", "21000"));

    assertThat(settings.string("enrich.application.id")).isEqualTo("mediamon-enrich");
    assertThat(settings.origin("enrich.application.id")).isEqualTo("defaults");
    assertThat(settings.duration("sink.poll.timeout")).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.origin("sink.poll.timeout")).isEqualTo(file.toString());
    assertThat(settings.integer("enrich.threads", 1, 64)).isEqualTo(4);
    assertThat(settings.origin("enrich.threads")).isEqualTo("environment MEDIAMON_ENRICH_THREADS");
    assertThat(settings.string("kafka.bootstrap")).isEqualTo("kafka:9092");
    assertThat(settings.integer("run.broker.port", 1, 65535)).isEqualTo(21000);
  }

  @Test
  void shouldNameTheKeyValueAndOriginOfABadValue() {
    Settings settings = Settings.load(null, Map.of("MEDIAMON_ENRICH_THREADS", "many"), Map.of());
    assertThatThrownBy(() -> settings.integer("enrich.threads", 1, 64))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration enrich.threads=many (from environment MEDIAMON_ENRICH_THREADS): must be a whole number");
  }

  @Test
  void shouldParseDurationsSizesAndChoices() {
    Settings s = Settings.defaults(Map.of("a", "500ms", "b", "7d", "c", "PT30S", "d", "16MB", "e", "high", "f", "x"));
    assertThat(s.duration("a")).isEqualTo(Duration.ofMillis(500));
    assertThat(s.duration("b")).isEqualTo(Duration.ofDays(7));
    assertThat(s.duration("c")).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.bytes("d")).isEqualTo(16L * 1024 * 1024);
    assertThat(s.choice("e", Mode.class)).isEqualTo(Mode.HIGH);
    assertThatThrownBy(() -> s.choice("f", Mode.class)).hasMessageContaining("must be one of [low, high]");
    assertThatThrownBy(() -> s.duration("f")).hasMessageContaining("must be a duration");
  }

  @Test
  void shouldExplainAMissingBootstrap() {
    Settings settings = Settings.defaults(Map.of());
    assertThatThrownBy(() -> KafkaClients.bootstrap(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFKA_BOOTSTRAP");
  }

  @Test
  void shouldRefuseAKeyItDoesNotKnowAndOfferTheNearestOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mediamon.properties");
    Files.writeString(file, "enrich.thread=2\n");
    assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of()).requireKnownKeys())
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration enrich.thread=2 (from " + file + "): not a configuration key; did you mean "
            + "enrich.threads?");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("nothing.like.it", "1")).requireKnownKeys())
        .hasMessage("configuration nothing.like.it=1 (from command line): not a configuration key "
            + "(docs/configuration.md lists them)");
  }

  @Test
  void shouldNeverEchoTheValueOfAMistypedOrMalformedSecret() {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cr3t\";";
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("kafka.clientt.sasl.jaas.config", jaas))
        .requireKnownKeys())
        .hasMessageStartingWith("configuration kafka.clientt.sasl.jaas.config=[hidden] (from command line): "
            + "not a configuration key")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("sink.alerts.webhook.urlz",
        "https://hooks.slack.com/services/T0/B0/s3cr3t")).requireKnownKeys())
        .hasMessageContaining("[hidden]").hasMessageNotContaining("s3cr3t");
  }

  @Test
  void shouldCheckEveryValueAgainstItsDeclaredTypeAndBoundsAtStart() {
    // declared once, beside the key ("# type: integer 1..256"), and checked whether or not the command reads the key
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("ingest.feeds.workers", "0")).requireKnownKeys())
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.feeds.workers=0")
        .hasMessageContaining("must be between 1 and 256");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("sink.lake.compression", "brotli")).requireKnownKeys())
        .hasMessageContaining("must be one of [uncompressed, snappy, gzip, zstd, lz4_raw]");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("enrich.dedup.near.threshold", "1.5"))
        .requireKnownKeys()).hasMessageContaining("must be between 0.1 and 1.0");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("web.status.interval", "soon")).requireKnownKeys())
        .hasMessageContaining("must be a duration");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("enrich.dedup.near.threshold", "NaN"))
        .requireKnownKeys()).hasMessageContaining("must be between");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("sink.poll.timeout", "-1s")).requireKnownKeys())
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("ingest.max.body.bytes", "9999999999999GB"))
        .requireKnownKeys()).hasMessageContaining("must be a size");
    // the documented "0 takes every dated URL" needs no unit
    assertThat(Settings.load(null, Map.of(), Map.of("ingest.sitemap.window", "0")).duration("ingest.sitemap.window"))
        .isZero();
    Settings fine = Settings.load(null, Map.of(), Map.of("ingest.feeds.workers", "16", "enrich.language.mode", "high"));
    fine.requireKnownKeys();
    assertThat(fine.integer("ingest.feeds.workers")).isEqualTo(16);
    assertThat(Settings.defaults(Map.of()).decimal("enrich.dedup.near.threshold")).isEqualTo(0.6);
  }

  @Test
  void shouldReadARenamedKeyUnderItsNewNameWhereverItIsSet() {
    Settings fromCli = Settings.load(null, Map.of(), Map.of("enrich.dlq.payload.max.bytes", "2MB"));
    fromCli.requireKnownKeys();
    assertThat(fromCli.bytes("dlq.payload.max.bytes")).isEqualTo(2L << 20);
    Settings fromEnv = Settings.load(null, Map.of("MEDIAMON_ENRICH_DLQ_PAYLOAD_MAX_BYTES", "3MB"), Map.of());
    assertThat(fromEnv.bytes("dlq.payload.max.bytes")).isEqualTo(3L << 20);
    assertThat(Settings.unknownVariables(Map.of("MEDIAMON_ENRICH_DLQ_PAYLOAD_MAX_BYTES", "3MB"))).isEmpty();
    Settings both = Settings.load(null, Map.of(), Map.of("enrich.dlq.payload.max.bytes", "2MB",
        "dlq.payload.max.bytes", "4MB"));
    assertThat(both.bytes("dlq.payload.max.bytes")).as("the new name wins").isEqualTo(4L << 20);
  }

  @Test
  void shouldAcceptKnownKeysAndKafkaClientProperties() {
    Settings settings = Settings.load(null, Map.of("MEDIAMON_ENRICH_THREADS", "2"),
        Map.of("enrich.dedup.retention", "3d", "kafka.client.max.partition.fetch.bytes", "1048576"));
    settings.requireKnownKeys();
    assertThat(settings.duration("enrich.dedup.retention")).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void shouldNameTheMediamonVariablesThatSetNoKey() {
    Map<String, String> environment = Map.of(
        "MEDIAMON_ENRICH_THREAD", "2", "MEDIAMON_ENRICH_THREADS", "2", "MEDIAMON_NOTHING_LIKE_IT", "1",
        "MEDIAMON_HOME", "/opt/mediamon", "PATH", "/usr/bin");
    assertThat(Settings.unknownVariables(environment)).containsExactly(
        "MEDIAMON_ENRICH_THREAD (did you mean MEDIAMON_ENRICH_THREADS?)", "MEDIAMON_NOTHING_LIKE_IT");
  }

  enum Mode { LOW, HIGH }
}
