package io.mediamon.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A Kafka broker in a container, where a Docker engine is available. */
final class ContainerKafkaCluster implements TestBroker {
  static final String IMAGE = "apache/kafka:4.3.1";
  private final KafkaContainer container;

  ContainerKafkaCluster() {
    container = new KafkaContainer(IMAGE)
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    container.start();
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String bootstrap() {
    return container.getBootstrapServers();
  }

  @Override
  public String description() {
    return "Testcontainers " + IMAGE + " at " + bootstrap();
  }

  @Override
  public void close() {
    container.stop();
  }
}
