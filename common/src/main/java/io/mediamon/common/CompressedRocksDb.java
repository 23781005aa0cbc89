package io.mediamon.common;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * RocksDB stores with LZ4 blocks and ZSTD at the bottom level, where most of a long-lived store's data settles.
 * Kafka Streams leaves RocksDB uncompressed; the dedup stores hold ids, URLs and hashes written as text, which
 * compress well, and state size is what bounds how many days a dedup window can cover on one disk.
 */
public final class CompressedRocksDb implements RocksDBConfigSetter {
  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    options.setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
  }

  @Override
  public void close(String storeName, Options options) {
    // nothing allocated here
  }
}
