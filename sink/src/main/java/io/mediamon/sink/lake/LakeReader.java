package io.mediamon.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads part files back with the Parquet reader, under a table's current row schema: a file written under an older
 * schema reads with the newer columns at their defaults (null for optional fields).
 */
public final class LakeReader {
  private static final String AVRO_READ_SCHEMA = "parquet.avro.read.schema";
  private LakeReader() {}

  public static void forEach(Path file, Schema rowSchema, Consumer<GenericRecord> rows) {
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    // AvroReadSupport.setAvroReadSchema takes a Hadoop Configuration; this is the key it sets
    conf.set(AVRO_READ_SCHEMA, rowSchema.toString());
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), conf)
        .withDataModel(LakeSchema.MODEL).build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        rows.accept(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static List<GenericRecord> read(Path file, Schema rowSchema) {
    List<GenericRecord> rows = new ArrayList<>();
    forEach(file, rowSchema, rows::add);
    return rows;
  }

  /** Every row of a table, file by file. */
  public static List<GenericRecord> readTable(Path root, LakeTable<?> table) {
    Schema rowSchema = LakeSchema.of(table.schema());
    List<GenericRecord> rows = new ArrayList<>();
    for (LakeFiles.Part part : LakeFiles.parts(root.resolve(table.name()))) {
      forEach(part.path(), rowSchema, rows::add);
    }
    return rows;
  }
}
