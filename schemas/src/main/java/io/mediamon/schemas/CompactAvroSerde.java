package io.mediamon.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro for state-store values that are many and small: one byte naming the writer's version in the schema's
 * history ({@link SchemaHistory}, 1 for v1.avsc) instead of the ten-byte single-object header of {@link AvroSerde}.
 * Records written under any published version are resolved to the current one, as with {@link AvroSerde}; the
 * history is the schema's own, so the byte means nothing outside the one store that uses the schema. Values a store
 * wrote with {@link AvroSerde} before it switched (they start with the single-object marker, C3 01) still decode.
 */
public final class CompactAvroSerde<T extends SpecificRecord> implements RecordSerde<T> {
  private final Class<T> type;
  private final List<Schema> history;
  private final int currentVersion;
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T>[] readers;
  private final AvroSerde<T> singleObject;

  @SuppressWarnings("unchecked")
  public CompactAvroSerde(Class<T> type, Schema current) {
    this.type = type;
    this.history = SchemaHistory.versions(current.getName());
    boolean published = !history.isEmpty() && SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1))
        == SchemaNormalization.parsingFingerprint64(current);
    if (!published || history.size() > 255) {
      throw new IllegalArgumentException(current.getName() + ": the current schema must be the latest of at most 255"
          + " published versions in avro-history");
    }
    this.currentVersion = history.size();
    SpecificData model = SpecificData.getForClass(type);
    this.writer = new SpecificDatumWriter<>(current, model);
    this.singleObject = new AvroSerde<>(type, current);
    this.readers = new SpecificDatumReader[history.size()];
    for (int i = 0; i < history.size(); i++) {
      readers[i] = new SpecificDatumReader<>(history.get(i), current, model);
    }
  }

  @Override
  public byte[] encode(T value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64);
      out.write(currentVersion);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(value, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    if (bytes.length > 1 && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01) {
      return singleObject.decode(bytes); // no history reaches 195 versions, so this cannot be a version byte
    }
    int version = bytes.length == 0 ? 0 : bytes[0] & 0xFF;
    if (version < 1 || version > readers.length) {
      throw new SerializationException("not a " + type.getSimpleName() + " record: unknown schema version " + version
          + " (published: 1 to " + readers.length + ")");
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
      return readers[version - 1].read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("not a " + type.getSimpleName() + " record: " + e.getMessage(), e);
    }
  }
}
