package io.mediamon.testsupport;

import io.mediamon.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the offsets it had when the probe was made, so a test sees only what it caused. Reads
 * committed records only, as every downstream consumer of an exactly-once pipeline does.
 */
public final class TopicProbe<K, V> implements AutoCloseable {
  private final Topic<K, V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<K, V>> seen = new ArrayList<>();

  private TopicProbe(String bootstrap, Topic<K, V> topic) {
    this.topic = topic;
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .collect(Collectors.toList());
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /** A probe positioned at the topic's current end. */
  public static <K, V> TopicProbe<K, V> atEnd(String bootstrap, Topic<K, V> topic) {
    return new TopicProbe<>(bootstrap, topic);
  }

  /** Polls until {@code done} holds for the records seen so far, or fails after {@code timeout}. */
  public List<ConsumerRecord<K, V>> awaitUntil(Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.test(seen)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting on " + topic.name() + "; saw " + seen.size()
            + " records with keys " + seen.stream().map(ConsumerRecord::key).toList());
      }
      pollOnce(Duration.ofMillis(200));
    }
    return List.copyOf(seen);
  }

  /** Polls for {@code quiet} more and returns everything seen: to check that nothing more arrives. */
  public List<ConsumerRecord<K, V>> drain(Duration quiet) {
    Instant deadline = Instant.now().plus(quiet);
    while (Instant.now().isBefore(deadline)) {
      pollOnce(Duration.ofMillis(200));
    }
    return List.copyOf(seen);
  }

  private void pollOnce(Duration wait) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
      K key = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
      V value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
      seen.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), key, value));
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
