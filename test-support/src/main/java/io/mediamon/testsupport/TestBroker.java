package io.mediamon.testsupport;

/** A Kafka cluster an integration test talks to. */
public interface TestBroker extends AutoCloseable {
  /** Bootstrap servers of the cluster. */
  String bootstrap();

  /** How the cluster was obtained, for the test log. */
  String description();

  @Override
  void close();
}
