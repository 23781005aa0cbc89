package io.mediamon.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft cluster inside the test JVM, from kafka-test-common-runtime. The only class that touches
 * that internal API, so a Kafka upgrade that moves it breaks one file.
 */
final class InProcessKafkaCluster implements TestBroker {
  private final KafkaClusterTestKit cluster;

  InProcessKafkaCluster() {
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .build();
      cluster = new KafkaClusterTestKit.Builder(nodes)
          // one node: internal topics cannot have more replicas than that
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          // the default is a 128 MB heap buffer per broker; tests need a few
          .setConfigProp("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024))
          .setConfigProp("auto.create.topics.enable", "false")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-process Kafka cluster: " + e.getMessage(), e);
    }
  }

  @Override
  public String bootstrap() {
    return cluster.bootstrapServers();
  }

  @Override
  public String description() {
    return "in-process KRaft cluster (KafkaClusterTestKit) at " + bootstrap();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the in-process Kafka cluster", e);
    }
  }
}
