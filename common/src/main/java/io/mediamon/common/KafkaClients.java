package io.mediamon.common;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Client properties every service starts from: the bootstrap servers plus {@code kafka.client.*} pass-through keys. */
public final class KafkaClients {
  private KafkaClients() {}

  /** The bootstrap servers; fails with the key's name when none is configured. */
  public static String bootstrap(Settings settings) {
    String bootstrap = settings.optional("kafka.bootstrap");
    if (bootstrap == null) {
      throw new ConfigException("kafka.bootstrap", null, settings.origin("kafka.bootstrap"),
          "no Kafka cluster configured: set KAFKA_BOOTSTRAP (or use `mediamon run`, which starts an embedded broker)");
    }
    return bootstrap;
  }

  /** Base properties for a client named {@code clientId}. */
  public static Map<String, Object> base(Settings settings, String clientId) {
    Map<String, Object> props = new HashMap<>(settings.withPrefix(Settings.KAFKA_CLIENT_PREFIX));
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap(settings));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  /** A consumer that reads committed records only, commits by hand, and starts a new group at the earliest offset. */
  public static Map<String, Object> committedReader(Settings settings, String clientId, String groupId) {
    Map<String, Object> props = base(settings, clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  /** An idempotent producer. */
  public static Map<String, Object> idempotentWriter(Settings settings, String clientId) {
    Map<String, Object> props = base(settings, clientId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }
}
