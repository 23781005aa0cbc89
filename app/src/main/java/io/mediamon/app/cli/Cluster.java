package io.mediamon.app.cli;

import io.mediamon.broker.EmbeddedKafkaBroker;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster a command works against: the configured one ({@code KAFKA_BOOTSTRAP}, {@code kafka.bootstrap}),
 * or, when none is configured and the command allows it, an embedded broker on the data directory.
 */
final class Cluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  private final EmbeddedKafkaBroker embedded;
  private final Settings settings;

  private Cluster(EmbeddedKafkaBroker embedded, Settings settings) {
    this.embedded = embedded;
    this.settings = settings;
  }

  static Cluster open(Settings settings, boolean embeddedAllowed) {
    String bootstrap = settings.optional("kafka.bootstrap");
    if (bootstrap != null) {
      LOG.info("using Kafka at {} ({})", bootstrap, settings.origin("kafka.bootstrap"));
      return new Cluster(null, settings);
    }
    if (!embeddedAllowed) {
      // KafkaClients.bootstrap explains what to set
      KafkaClients.bootstrap(settings);
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(CommonOptions.dataDir(settings).resolve("kafka"),
        settings.integer("run.broker.port"));
    return new Cluster(broker, settings.with(Map.of("kafka.bootstrap", broker.bootstrap())));
  }

  /** Settings with {@code kafka.bootstrap} pointing at this cluster. */
  Settings settings() {
    return settings;
  }

  /**
   * An Admin client on this cluster, with the {@code kafka.client.*} properties every client gets (a secured cluster's
   * among them); the caller closes it.
   */
  Admin admin() {
    return Admin.create(clientProperties("mediamon-admin"));
  }

  /** Properties of a client of this cluster: the bootstrap, a client id and the {@code kafka.client.*} ones. */
  Map<String, Object> clientProperties(String clientId) {
    return KafkaClients.base(settings, clientId);
  }

  void ensureTopics() {
    TopicAdmin.ensureTopics(clientProperties("mediamon-admin"), Topics.ALL);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
