package io.mediamon.common;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

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
    Map<String, Object> props = new HashMap<>(settings.withPrefix("kafka.client."));
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap(settings));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return props;
  }
}
