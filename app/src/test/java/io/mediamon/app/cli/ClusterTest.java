package io.mediamon.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every client a command makes (topic creation, status, tail, the run watcher) gets the kafka.client.* properties. */
class ClusterTest {

  @Test
  void shouldGiveEveryCommandClientTheKafkaClientProperties() {
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", "kafka-1:9093",
        "kafka.client.security.protocol", "SASL_SSL", "kafka.client.sasl.mechanism", "SCRAM-SHA-512"));
    try (Cluster cluster = Cluster.open(settings, false)) {
      assertThat(cluster.clientProperties("mediamon-tail")).containsEntry("bootstrap.servers", "kafka-1:9093")
          .containsEntry("client.id", "mediamon-tail")
          .containsEntry("security.protocol", "SASL_SSL")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }
  }
}
