package io.mediamon.common;

import io.mediamon.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** What every Kafka Streams service of mediamon runs with. */
public final class StreamsSettings {
  private StreamsSettings() {}

  /**
   * Exactly-once v2, the given application id and state directory, internal topics replicated as the broker's
   * default, reading from the earliest offset, records as large as the catalogue allows, and compressed batches
   * and stores.
   */
  public static Properties base(Settings settings, String applicationId, String stateDir, int threads) {
    Properties props = new Properties();
    props.putAll(KafkaClients.base(settings, applicationId));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
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
}
