package io.mediamon.enrich.dedup;

import io.mediamon.schemas.EventIdBits;
import java.util.HexFormat;

/**
 * Story ids as the band store keeps them: the ids ingest makes are 16 lowercase hex digits, kept as their 64 bits
 * (9 bytes with the Avro union index instead of 17); any other id is kept as written.
 */
final class StoryIds {
  private static final HexFormat HEX = HexFormat.of();

  private StoryIds() {}

  static Object compact(String id) {
    if (id.length() == 16 && isLowerHex(id)) {
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

  private static boolean isLowerHex(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
