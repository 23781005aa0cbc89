package io.mediamon.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro single-object encoding without a schema registry: every message starts with the writer schema's
 * fingerprint, and the decoder knows every published version of the schema (see {@link SchemaHistory}), so a
 * record written under an older version is resolved to the current one.
 */
public final class AvroSerde<T extends SpecificRecord> implements RecordSerde<T> {
  private final Class<T> type;
  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  public AvroSerde(Class<T> type, Schema current) {
    this.type = type;
    this.schema = current;
    SpecificData model = SpecificData.getForClass(type);
    SchemaStore.Cache store = new SchemaStore.Cache();
    for (Schema old : SchemaHistory.versions(current.getName())) {
      store.addSchema(old);
    }
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, store);
  }

  /** The current (writer) schema. */
  public Schema schema() {
    return schema;
  }

  /** Encodes one record; the bytes carry the schema fingerprint. */
  @Override
  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes one record written under any published version of its schema. */
  @Override
  public T decode(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("not a " + type.getSimpleName() + " record: " + e.getMessage(), e);
    }
  }
}
