package io.mediamon.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster of an integration-test class, chosen in this order: {@code KAFKA_BOOTSTRAP} if set (an
 * external cluster, shared); else a Testcontainers broker when a Docker engine answers; else an in-process KRaft
 * cluster. Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();}</pre>
 *
 * Each class gets its own cluster (in-process it starts in 1-2 s), so the pipeline's fixed topic names never
 * carry records from one test class into another.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  private TestBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = start();
    LOG.info("{} uses {}", context.getDisplayName(), broker.description());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** Bootstrap servers of this class's cluster. */
  public String bootstrap() {
    if (broker == null) {
      throw new IllegalStateException("the Kafka broker is not started: register the extension as a static field");
    }
    return broker.bootstrap();
  }

  static TestBroker start() {
    String external = System.getenv("KAFKA_BOOTSTRAP");
    if (external != null && !external.isBlank()) {
      return new ExternalKafkaCluster(external.trim());
    }
    if (ContainerKafkaCluster.dockerAvailable()) {
      return new ContainerKafkaCluster();
    }
    return new InProcessKafkaCluster();
  }

  private record ExternalKafkaCluster(String bootstrap) implements TestBroker {
    @Override
    public String description() {
      return "external cluster KAFKA_BOOTSTRAP=" + bootstrap;
    }

    @Override
    public void close() {}
  }
}
