package io.mediamon.sink;

import io.mediamon.common.ConfigException;
import io.mediamon.common.DeadLetters;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.common.Versions;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.lake.LakeTable;
import io.mediamon.sink.lake.LakeWriter;
import io.mediamon.sink.lake.PartFileWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
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
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake sink: consumes the committed records of media.events, media.duplicates, media.stories and media.posts and
 * writes them as Parquet, one table per topic. Exactly-once without a transaction manager: rows go to hidden files,
 * a roll renames them into place, and only then are the offsets committed; file names come from offsets, and a new
 * owner of a partition deletes files written after the last commit before it replays (see {@link LakeWriter#recover}).
 * A record that does not decode goes to media.dlq with its origin and is skipped.
 */
public final class SinkApp implements io.mediamon.common.LoopService {
  private static final Logger LOG = LoggerFactory.getLogger(SinkApp.class);
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, DeadLetter> dlq;
  private final Map<String, LakeWriter<?>> writers = new LinkedHashMap<>();
  /** The group's offset of each partition this sink owns, as it last committed or found it. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Duration pollTimeout;
  private final boolean rollWhenIdle;
  private final int dlqPayloadBytes;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final String component = "mediamon-sink/" + Versions.of(SinkApp.class);

  public SinkApp(Settings settings, Path defaultLakeDir) {
    Map<String, Object> consumerProps = KafkaClients.committedReader(settings, "mediamon-sink",
        settings.string("sink.group.id"));
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerProps = KafkaClients.idempotentWriter(settings, "mediamon-sink");
    producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
    this.dlq = new KafkaProducer<>(producerProps, Topics.DLQ.keySerde().serializer(), Topics.DLQ.valueSerde().serializer());
    Path root = lakeRoot(settings, defaultLakeDir);
    PartFileWriter.Format format = lakeFormat(settings);
    LakeWriter.Roll roll = new LakeWriter.Roll(settings.bytes("sink.lake.roll.bytes"),
        settings.duration("sink.lake.roll.interval"), settings.integer("sink.lake.roll.max.open.files"));
    LakeTable.PartitionTime partitionTime = settings.choice("sink.lake.partition.time", LakeTable.PartitionTime.class);
    for (String name : settings.list("sink.lake.tables")) {
      LakeTable<?> table = LakeTable.named(name).orElseThrow(() -> new ConfigException("sink.lake.tables", name,
          settings.origin("sink.lake.tables"), "unknown table; known: events, duplicates, stories, posts"));
      writers.put(table.topic().name(), new LakeWriter<>(root, table, format, roll, partitionTime));
    }
    this.pollTimeout = settings.duration("sink.poll.timeout");
    this.rollWhenIdle = settings.flag("sink.lake.roll.when.idle");
    this.dlqPayloadBytes = io.mediamon.common.DeadLetters.payloadCap(settings);
  }

  /** The lake folder: {@code sink.lake.dir}, else the given default. */
  public static Path lakeRoot(Settings settings, Path defaultLakeDir) {
    String lake = settings.optional("sink.lake.dir");
    return lake != null ? Path.of(lake) : defaultLakeDir;
  }

  public static PartFileWriter.Format lakeFormat(Settings settings) {
    return new PartFileWriter.Format(settings.choice("sink.lake.compression", PartFileWriter.Compression.class),
        settings.bytes("sink.lake.row.group.bytes"));
  }

  /** Consumes until {@link #close()} is called from another thread; rolls and commits what it holds on the way out. */
  public void run() {
    consumer.subscribe(writers.keySet(), new Rebalance());
    try {
      while (running.get()) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      try {
        rollAndCommit(true);
      } finally {
        consumer.close(Duration.ofSeconds(10));
        dlq.close(Duration.ofSeconds(10));
      }
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
    Instant now = Instant.now();
    for (ConsumerRecord<String, byte[]> r : records) {
      LakeWriter<?> writer = writers.get(r.topic());
      if (r.value() == null) {
        // a tombstone on a compacted topic: no row, but the offset is consumed
        writer.skip(r.partition(), r.offset(), now);
        continue;
      }
      try {
        writer.appendEncoded(r.partition(), r.offset(), r.timestamp(), r.value(), now);
        rowsWritten.incrementAndGet();
      } catch (SerializationException e) {
        writer.skip(r.partition(), r.offset(), now);
        deadLetters.incrementAndGet();
        LOG.warn("dead letter for {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        dlq.send(new ProducerRecord<>(Topics.DLQ.name(), r.key(), DeadLetters.of(r.topic(), r.partition(),
            r.offset(), r.key(), "sink.decode", e, r.value(), dlqPayloadBytes, component)));
      }
    }
    rollAndCommit(rollWhenIdle && records.isEmpty());
  }

  /**
   * Rolls every segment that is due (or all of them) and commits the offsets after the rows now in the lake. A
   * partition with nothing left to roll is in the lake up to the consumer's position, which can be past the offset
   * after its last row: the commit markers of the transactions that wrote the topics, and aborted records, take
   * offsets too. Committing the position there is as safe, and an idle sink then shows no lag to the operator.
   */
  private void rollAndCommit(boolean all) {
    Instant now = Instant.now();
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (Map.Entry<String, LakeWriter<?>> e : writers.entrySet()) {
      LakeWriter<?> writer = e.getValue();
      for (int partition : writer.openPartitions()) {
        if (all || writer.due(partition, now)) {
          writer.roll(partition).ifPresent(next ->
              commits.put(new TopicPartition(e.getKey(), partition), new OffsetAndMetadata(next)));
        }
      }
    }
    for (TopicPartition tp : consumer.assignment()) {
      if (!writers.get(tp.topic()).openPartitions().contains(tp.partition())) {
        long position = position(tp);
        if (position > committed.getOrDefault(tp, 0L)) {
          commits.put(tp, new OffsetAndMetadata(position));
        }
      }
    }
    commit(commits);
  }

  /** Commits offsets whose rows are in the lake, after the dead letters of those offsets are on their topic. */
  /** A partition's position; the stop's pending wake-up, which fires once, is not a reason to lose the last commit. */
  private long position(TopicPartition tp) {
    try {
      return consumer.position(tp);
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
      return consumer.position(tp);
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> commits) {
    if (!commits.isEmpty()) {
      dlq.flush();
      try {
        consumer.commitSync(commits);
      } catch (WakeupException e) {
        if (running.get()) {
          throw e;
        }
        // the stop's wake-up, still pending when the loop ended between polls: it fires once, so commit again
        consumer.commitSync(commits);
      }
      commits.forEach((tp, offset) -> committed.put(tp, offset.offset()));
      LOG.debug("committed {}", commits);
    }
  }

  public long rowsWritten() {
    return rowsWritten.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  /** The loop rolls and commits what it holds on the way out: {@link #close()} waits for that. */
  private final io.mediamon.common.ServiceThread thread = new io.mediamon.common.ServiceThread("mediamon-sink",
      this::run, this::stopLoop, Duration.ofSeconds(30));

  @Override
  public io.mediamon.common.ServiceThread loopThread() {
    return thread;
  }


  private void stopLoop() {
    running.set(false);
    consumer.wakeup();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
      for (TopicPartition tp : partitions) {
        writers.get(tp.topic()).roll(tp.partition()).ifPresent(next -> commits.put(tp, new OffsetAndMetadata(next)));
      }
      commit(commits);
      partitions.forEach(committed::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // another member owns them now and will replay from the group's offsets
      for (TopicPartition tp : partitions) {
        writers.get(tp.topic()).abandon(tp.partition());
        committed.remove(tp);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> groupOffsets = consumer.committed(Set.copyOf(partitions));
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = groupOffsets.get(tp);
        if (c != null) {
          committed.put(tp, c.offset());
        }
        OptionalLong resume = writers.get(tp.topic())
            .recover(tp.partition(), c == null ? OptionalLong.empty() : OptionalLong.of(c.offset()));
        if (c == null && resume.isPresent()) {
          LOG.info("{} has no committed offset but the lake holds it up to {}; resuming there", tp, resume.getAsLong() - 1);
          consumer.seek(tp, resume.getAsLong());
        }
      }
    }
  }
}
