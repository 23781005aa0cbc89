package io.mediamon.app.cli;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topic;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the pipeline's outputs ({@code media.events}, {@code media.duplicates}, {@code media.dlq}) from where they
 * stood before a run, so {@code run --once} knows when every document it ingested has come out the other end.
 */
final class OutputWatcher implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Set<String> seen = new HashSet<>();
  private final Map<TopicPartition, Long> eventsThrough = new HashMap<>();
  private long events;
  private long duplicates;
  private long deadLetters;

  /** @param props client properties of the cluster ({@link Cluster#clientProperties}) */
  OutputWatcher(Map<String, Object> props) {
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?, ?> topic : List.of(Topics.EVENTS, Topics.DUPLICATES, Topics.DLQ)) {
      consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /**
   * Polls until a record keyed by each of {@code ids} has come out on one of the outputs; each new event is handed to
   * {@code onEvent}. Returns false on time-out.
   */
  boolean awaitAll(Collection<String> ids, Duration timeout, Consumer<EventRecord> onEvent, Progress progress) {
    Instant deadline = Instant.now().plus(timeout);
    Set<String> wanted = new HashSet<>(ids);
    while (!seen.containsAll(wanted)) {
      if (Instant.now().isAfter(deadline) || StopSignal.requested()) {
        return false;
      }
      poll(Duration.ofMillis(200), onEvent);
      progress.show("through enrich", wanted.stream().filter(seen::contains).count(), wanted.size(), events,
          duplicates, deadLetters);
    }
    return true;
  }

  /** One poll of the outputs; each new event is handed to {@code onEvent}. */
  void poll(Duration wait, Consumer<EventRecord> onEvent) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
      seen.add(r.key());
      if (r.topic().equals(Topics.EVENTS.name())) {
        events++;
        eventsThrough.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
        onEvent.accept(Topics.EVENT_SERDE.decode(r.value()));
      } else if (r.topic().equals(Topics.DUPLICATES.name())) {
        duplicates++;
      } else {
        deadLetters++;
      }
    }
  }

  /**
   * For each events partition, the offset just past the last event seen: a consumer that has committed this far has
   * every event of the run. (Not the end offset: under transactions that also counts commit markers.)
   */
  Map<TopicPartition, Long> eventsThrough() {
    return Map.copyOf(eventsThrough);
  }

  long events() {
    return events;
  }

  long duplicates() {
    return duplicates;
  }

  long deadLetters() {
    return deadLetters;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
