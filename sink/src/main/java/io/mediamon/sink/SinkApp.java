package io.mediamon.sink;

import io.mediamon.common.DeadLetters;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.common.Versions;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.lake.LakeWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: consumes {@code media.events} (committed records only) and writes them to the lake. Offsets are
 * committed only after the files are renamed into place; on (re)assignment the consumer resumes after the highest
 * offset already in the lake, so a crash between rename and commit neither loses nor repeats a row.
 */
public final class SinkApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SinkApp.class);
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, DeadLetter> dlq;
  private final LakeWriter events;
  private final Duration pollTimeout;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final String component = "mediamon-sink/" + Versions.of(SinkApp.class);

  public SinkApp(Settings settings, Path defaultLakeDir) {
    Map<String, Object> props = KafkaClients.base(settings, "mediamon-sink");
    Map<String, Object> consumerProps = new HashMap<>(props);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.string("sink.group.id"));
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerProps = new HashMap<>(props);
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
    this.dlq = new KafkaProducer<>(producerProps, Topics.DLQ.keySerde().serializer(), Topics.DLQ.valueSerde().serializer());
    String lake = settings.optional("sink.lake.dir");
    this.events = new LakeWriter(lake != null ? Path.of(lake) : defaultLakeDir, "events");
    this.pollTimeout = settings.duration("sink.poll.timeout");
  }

  /** Consumes until {@link #close()} is called from another thread. */
  public void run() {
    consumer.subscribe(List.of(Topics.EVENTS.name()), new ResumeFromLake());
    try {
      while (running.get()) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(10));
      dlq.close(Duration.ofSeconds(10));
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
    if (records.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<LakeWriter.Row> rows = new ArrayList<>();
      long last = -1;
      for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
        last = r.offset();
        try {
          EventRecord event = Topics.EVENT_SERDE.decode(r.value());
          rows.add(new LakeWriter.Row(r.offset(), event));
          LOG.info("event {} \"{}\" ({}, {}) -> lake", event.getId(), event.getTitle(), event.getLanguage(),
              event.getDedup().getStatus());
        } catch (RuntimeException e) {
          deadLetters.incrementAndGet();
          LOG.warn("dead letter for {}-{}@{}: {}", tp.topic(), tp.partition(), r.offset(), e.getMessage());
          dlq.send(new ProducerRecord<>(Topics.DLQ.name(), r.key(), DeadLetters.of(tp.topic(), tp.partition(),
              r.offset(), r.key(), "sink.decode", e, r.value(), 1024 * 1024, component)));
        }
      }
      if (!rows.isEmpty()) {
        events.write(tp.partition(), rows);
        rowsWritten.addAndGet(rows.size());
      }
      commits.put(tp, new OffsetAndMetadata(last + 1));
    }
    dlq.flush();
    consumer.commitSync(commits);
  }

  public long rowsWritten() {
    return rowsWritten.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  /** Stops the loop; safe to call from any thread. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }

  private final class ResumeFromLake implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        events.lastWrittenOffset(tp.partition()).ifPresent(last -> {
          long position = consumer.position(tp);
          if (position <= last) {
            LOG.info("{} already in the lake up to offset {}; resuming at {}", tp, last, last + 1);
            consumer.seek(tp, last + 1);
          }
        });
      }
    }
  }
}
