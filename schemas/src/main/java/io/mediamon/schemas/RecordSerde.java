package io.mediamon.schemas;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A serde made of an encoder and a decoder of whole records; null stays null (a tombstone) both ways. */
public interface RecordSerde<T> extends Serde<T> {
  byte[] encode(T value);

  T decode(byte[] bytes);

  @Override
  default Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  default Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }
}
