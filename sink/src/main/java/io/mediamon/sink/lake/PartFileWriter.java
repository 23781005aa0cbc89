package io.mediamon.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * One Parquet file being written for one Kafka partition and one Hive partition. Rows go to a hidden in-progress
 * file; {@link #commit()} closes it and renames it atomically to its offset-derived name, so a reader never sees
 * half a file and a replay of the same offsets replaces the file instead of adding a copy.
 */
public final class PartFileWriter {
  private final Path dir;
  private final Path tmp;
  private final int partition;
  private final long firstOffset;
  private final Instant openedAt;
  private final ParquetWriter<GenericRecord> writer;
  private long lastOffset = -1;
  private long rows;

  /** The codecs that need nothing beyond the jar (LZO and Brotli would need native Hadoop codecs). */
  public enum Compression {
    UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED), SNAPPY(CompressionCodecName.SNAPPY),
    GZIP(CompressionCodecName.GZIP), ZSTD(CompressionCodecName.ZSTD), LZ4_RAW(CompressionCodecName.LZ4_RAW);

    private final CompressionCodecName codec;

    Compression(CompressionCodecName codec) {
      this.codec = codec;
    }
  }

  /**
   * Columns whose every row has a value of its own (ids, addresses, text, Kafka offsets): a dictionary of them only
   * grows until Parquet falls back to plain encoding, and costs each file a dictionary writer's buffers.
   */
  static final Set<String> VALUE_PER_ROW = Set.of("id", "url", "canonical_url", "lead_image", "title", "text",
      LakeSchema.OFFSET, LakeSchema.TIMESTAMP);

  /** How the files are written: compression and row-group size (the memory each open file may buffer). */
  public record Format(Compression compression, long rowGroupBytes) {
    public static final Format DEFAULT = new Format(Compression.ZSTD, 8L << 20);

    /** A Parquet writer of rows of {@code rowSchema} to {@code file}, written in this format (replacing the file). */
    ParquetWriter<GenericRecord> open(Path file, Schema rowSchema) throws IOException {
      return open(file, rowSchema, new CodecFactory(new PlainParquetConfiguration(), ParquetProperties.DEFAULT_PAGE_SIZE));
    }

    /** The same, with compressors from {@code codecs}, which the writer releases when it closes. */
    ParquetWriter<GenericRecord> open(Path file, Schema rowSchema, CompressionCodecFactory codecs) throws IOException {
      AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file));
      for (Schema.Field f : rowSchema.getFields()) {
        if (VALUE_PER_ROW.contains(f.name())) {
          builder.withDictionaryEncoding(f.name(), false);
        }
      }
      return builder
          .withSchema(rowSchema)
          .withDataModel(LakeSchema.MODEL)
          .withConf(new PlainParquetConfiguration())
          .withCompressionCodec(compression.codec)
          .withCodecFactory(codecs)
          .withRowGroupSize(rowGroupBytes)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .build();
    }
  }

  PartFileWriter(Path dir, Schema rowSchema, int partition, long firstOffset, Format format, ReusedCodecs codecs,
      Instant now) {
    this.dir = dir;
    this.partition = partition;
    this.firstOffset = firstOffset;
    this.openedAt = now;
    this.tmp = dir.resolve(LakeFiles.inProgressName(partition, firstOffset));
    try {
      Files.createDirectories(dir);
      this.writer = format.open(tmp, rowSchema, codecs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + tmp, e);
    }
  }

  public void append(long offset, GenericRecord row) {
    try {
      writer.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
    lastOffset = offset;
    rows++;
  }

  /** Bytes written so far plus those buffered in the open row group. */
  public long dataSize() {
    return writer.getDataSize();
  }

  public long rows() {
    return rows;
  }

  public Instant openedAt() {
    return openedAt;
  }

  /** Closes the file and moves it into place under its final name; returns that name. */
  public Path commit() {
    try {
      writer.close();
      Path target = dir.resolve(LakeFiles.partName(partition, firstOffset, lastOffset));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + tmp, e);
    }
  }

  /** Drops the file: its rows will be written again from the last committed offset. */
  public void abort() {
    try {
      writer.close();
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot drop " + tmp, e);
    }
  }
}
