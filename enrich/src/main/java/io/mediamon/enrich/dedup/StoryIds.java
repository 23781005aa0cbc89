package io.mediamon.enrich.dedup;

import io.mediamon.schemas.EventIdBits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Story ids as the dedup stores keep them: the ids ingest makes are 16 lowercase hex digits, kept as their 64 bits
 * (9 bytes with the Avro union index in a band member, 8 in an exact-dedup value, instead of 17 or 16); any other
 * id is kept as written.
 */
final class StoryIds {
  private static final HexFormat HEX = HexFormat.of();
  private static final int BITS_BYTES = 8;
  /**
   * Exact-dedup values: 8 bytes are an ingest id's bits, anything else the id in UTF-8. An id whose UTF-8 is itself
   * 8 bytes long is written after a NUL byte, which no id starts with. Values written as UTF-8 before (16 bytes for
   * an ingest id) still read back.
   */
  static final Serde<String> SERDE = Serdes.serdeFrom(
      (topic, id) -> id == null ? null : toBytes(id),
      (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

  private StoryIds() {}

  static Object compact(String id) {
    if (isIngestId(id)) {
      return new EventIdBits(HEX.parseHex(id));
    }
    return id;
  }

  static String expand(Object stored) {
    if (stored instanceof EventIdBits bits) {
      return HEX.formatHex(bits.bytes());
    }
    return stored.toString();
  }

  static byte[] toBytes(String id) {
    if (isIngestId(id)) {
      return HEX.parseHex(id);
    }
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    if (utf8.length != BITS_BYTES) {
      return utf8;
    }
    byte[] escaped = new byte[BITS_BYTES + 1];
    System.arraycopy(utf8, 0, escaped, 1, BITS_BYTES);
    return escaped;
  }

  static String fromBytes(byte[] bytes) {
    if (bytes.length == BITS_BYTES) {
      return HEX.formatHex(bytes);
    }
    byte[] utf8 = bytes.length == BITS_BYTES + 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static boolean isIngestId(String id) {
    if (id.length() != 16) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
