package io.mediamon.ingest.poll;

import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.FeedState;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each poll in one Kafka transaction: the new raw documents, dead letters, the health record and the
 * feed's new state (on the compacted media.feed-state). A poller that dies mid-poll leaves nothing visible to
 * read-committed readers and its state unchanged, so the next poller produces those entries once, not twice.
 * The transactional id fences a zombie poller of the same id.
 */
public final class KafkaPollSink implements PollSink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPollSink.class);
  private final Settings settings;
  private final KafkaProducer<String, byte[]> producer;

  public KafkaPollSink(Settings settings) {
    this.settings = settings;
    Map<String, Object> props = KafkaClients.idempotentWriter(settings, "mediamon-poller");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.string("ingest.feeds.transactional.id"));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
  }

  @Override
  public Map<String, FeedState> loadStates() {
    return readStates(settings);
  }

  /** The latest committed state of every feed on media.feed-state. */
  public static Map<String, FeedState> readStates(Settings settings) {
    Map<String, FeedState> states = new HashMap<>();
    Map<String, Object> props = KafkaClients.base(settings, "mediamon-poller-state");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.FEED_STATE.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() == null) {
            states.remove(r.key());
          } else {
            states.put(r.key(), Topics.FEED_STATE_SERDE.decode(r.value()));
          }
        }
      }
    }
    LOG.info("read the state of {} feeds from {}", states.size(), Topics.FEED_STATE.name());
    return states;
  }

  @Override
  public synchronized void publish(PollResult result) {
    String key = result.feed().key();
    producer.beginTransaction();
    try {
      for (RawDocument doc : result.documents()) {
        producer.send(new ProducerRecord<>(Topics.RAW.name(), doc.getId(), Topics.RAW_DOCUMENT_SERDE.encode(doc)));
      }
      for (DeadLetter letter : result.deadLetters()) {
        producer.send(new ProducerRecord<>(Topics.DLQ.name(), letter.getOriginKey(), Topics.DEAD_LETTER_SERDE.encode(letter)));
      }
      producer.send(new ProducerRecord<>(Topics.FEED_HEALTH.name(), key, Topics.FEED_HEALTH_SERDE.encode(result.health())));
      producer.send(new ProducerRecord<>(Topics.FEED_STATE.name(), key, Topics.FEED_STATE_SERDE.encode(result.state())));
      producer.commitTransaction();
    } catch (RuntimeException e) {
      producer.abortTransaction();
      throw e;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
