package io.mediamon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/* Here, beside the command line, because settings are declared per module: only here are every module's keys known. */
class StreamsSettingsTest {

  @Test
  void shouldCommitEveryConfiguredIntervalUnderExactlyOnce() {
    Settings settings = Settings.load(null, Map.of("MEDIAMON_ENRICH_COMMIT_INTERVAL", "20ms"),
        Map.of("kafka.bootstrap", "kafka:9092"));

    Properties props = StreamsSettings.base(settings, "app", "/tmp/state", 1, "enrich.commit.interval");

    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);
    // an idle thread's poll must not outlast the interval, or its commits wait for the poll
    assertThat(props.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(4L);
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(StreamsSettings.commitInterval(Settings.defaults(Map.of()), "sink.alerts.commit.interval"))
        .hasMillis(50);
  }

  @Test
  void shouldFetchSmallChunksPerPartitionUnlessTheClientSettingsSayOtherwise() {
    String mainConsumerFetch = StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);
    Settings defaults = Settings.load(null, Map.of(), Map.of("kafka.bootstrap", "kafka:9092"));
    assertThat(StreamsSettings.base(defaults, "app", "/tmp/state", 1, "enrich.commit.interval").get(mainConsumerFetch))
        .isEqualTo(64 * 1024);

    Settings chosen = Settings.load(null, Map.of(), Map.of("kafka.bootstrap", "kafka:9092",
        "kafka.client.max.partition.fetch.bytes", "1048576"));
    Properties props = StreamsSettings.base(chosen, "app", "/tmp/state", 1, "enrich.commit.interval");
    assertThat(props).doesNotContainKey(mainConsumerFetch);
    assertThat(props.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)).isEqualTo("1048576");
  }

  @Test
  void shouldRefuseACommitIntervalAnOpenTransactionWouldNotSurvive() {
    for (String interval : new String[] {"0ms", "6s"}) {
      Settings settings = Settings.load(null, Map.of("MEDIAMON_ENRICH_COMMIT_INTERVAL", interval), Map.of());
      assertThatThrownBy(() -> StreamsSettings.commitInterval(settings, "enrich.commit.interval"))
          .isInstanceOf(ConfigException.class)
          .hasMessage("configuration enrich.commit.interval=" + interval
              + " (from environment MEDIAMON_ENRICH_COMMIT_INTERVAL): must be between 1ms and 5s");
    }
    // a negative one is no duration at all
    Settings negative = Settings.load(null, Map.of("MEDIAMON_ENRICH_COMMIT_INTERVAL", "-5ms"), Map.of());
    assertThatThrownBy(() -> StreamsSettings.commitInterval(negative, "enrich.commit.interval"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration enrich.commit.interval=-5ms (from environment MEDIAMON_ENRICH_COMMIT_INTERVAL): "
            + "must not be negative");
  }
}
