package io.mediamon.common;

import io.mediamon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** What every Kafka Streams service of mediamon runs with. */
public final class StreamsSettings {
  /** Well within the 10 s after which Kafka Streams' exactly-once producer aborts an open transaction. */
  private static final Duration MAX_COMMIT_INTERVAL = Duration.ofSeconds(5);

  /** What the main consumer fetches per partition, unless {@code kafka.client.max.partition.fetch.bytes} says. */
  private static final int FETCH_BYTES_PER_PARTITION = 64 * 1024;

  private StreamsSettings() {}

  /**
   * Exactly-once v2, the given application id and state directory, internal topics replicated as the broker's
   * default, reading from the earliest offset, records as large as the catalogue allows, and compressed batches
   * and stores; transactions committed every {@code commitIntervalKey} (a duration setting).
   */
  public static Properties base(Settings settings, String applicationId, String stateDir, int threads,
      String commitIntervalKey) {
    Properties props = new Properties();
    props.putAll(KafkaClients.base(settings, applicationId));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // a generated name (KSTREAM-AGGREGATE-0000000007) shifts when the topology changes and orphans its changelog:
    // refuse to start with one
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    Duration commitInterval = commitInterval(settings, commitIntervalKey);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    // a thread with nothing to read waits in poll, and commits only when poll returns: with Kafka's 100 ms wait, a
    // quiet service's commits came up to 100 ms late at every hop (LatencyBench: 827 ms to media.events at 10
    // documents/s, against 541 ms at 50)
    props.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, commitInterval.toMillis() / 5));
    // a stream thread reads a backlog one fetched chunk per partition at a time, and the partitions' tasks drift
    // apart by a chunk: at Kafka's 1 MB (thousands of compressed events) a copy was judged before the article it
    // copies, and became its story's first copy, in a fifth of the pairs of a backlog (DedupBench: 432 of 2,020;
    // 19 and 78 in two runs at 64 KB, at the same throughput)
    if (!props.containsKey(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)) {
      props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
          FETCH_BYTES_PER_PARTITION);
    }
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    // -1: internal topics take the broker's default.replication.factor (1 embedded, 3 on a real cluster)
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    // events can be as large as the raw documents they come from
    props.put(StreamsConfig.producerPrefix("max.request.size"), Topics.MAX_RECORD_BYTES);
    props.put(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(Topics.MAX_RECORD_BYTES));
    // output, repartition and changelog batches are compressed once here and kept so on the broker's disk
    props.put(StreamsConfig.producerPrefix("compression.type"), "zstd");
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, CompressedRocksDb.class);
    return props;
  }

  /**
   * Under exactly-once a record written to a repartition topic is read downstream only once its transaction
   * commits, so every hop of a topology waits up to one commit interval: the interval, times the hops, is most of a
   * record's time through it when the service is not saturated.
   */
  static Duration commitInterval(Settings settings, String key) {
    Duration interval = settings.duration(key);
    if (interval.isNegative() || interval.isZero() || interval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
      throw new ConfigException(key, settings.string(key), settings.origin(key),
          "must be between 1ms and " + MAX_COMMIT_INTERVAL.toSeconds() + "s");
    }
    return interval;
  }
}
