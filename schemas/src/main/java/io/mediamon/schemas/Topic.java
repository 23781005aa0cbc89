package io.mediamon.schemas;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name travelling with its serdes and layout, so no caller spells a name or picks a serde itself.
 *
 * @param name topic name
 * @param keySerde key serde
 * @param valueSerde value serde
 * @param partitions partitions created when the topic does not exist
 * @param compacted true for changelog-like topics that keep the latest record per key
 * @param maxMessageBytes largest record the topic accepts (the broker default is about 1 MB)
 * @param description one line for the documentation and {@code mediamon topics}
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, boolean compacted,
    int maxMessageBytes, String description) {

  /** Topic-level configuration applied at creation. */
  public Map<String, String> configs() {
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes));
  }
}
