package io.mediamon.sink.lake;

import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compressors kept from one Parquet file to the next of the same writer. A Parquet writer otherwise builds its own
 * codec factory and releases it on close, so each file creates its compressors again, each with an output buffer of a
 * whole page (1 MB): for a backlog spread over years, which writes one small file per day partition, that was most of
 * what the lake sink allocated. Used by one thread at a time, as a {@link LakeWriter} is.
 */
final class ReusedCodecs implements CompressionCodecFactory {
  private final CodecFactory codecs;

  ReusedCodecs() {
    this.codecs = new CodecFactory(new PlainParquetConfiguration(), ParquetProperties.DEFAULT_PAGE_SIZE);
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
    return codecs.getCompressor(codecName);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
    return codecs.getDecompressor(codecName);
  }

  /**
   * A file is done: the compressors stay for the next one. They hold heap buffers only (each compression opens and
   * closes its own stream), so a writer that is dropped leaves nothing behind but garbage.
   */
  @Override
  public void release() {}
}
