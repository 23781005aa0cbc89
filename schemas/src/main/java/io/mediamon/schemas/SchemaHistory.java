package io.mediamon.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every published version of a record schema, oldest first, read from {@code avro-history/<Name>/vN.avsc}.
 *
 * <p>Old versions stay in the repo so that records written by an older producer still decode: the serde
 * registers each of them with its schema store, and {@code SchemaCompatibilityTest} checks every pair.
 */
public final class SchemaHistory {
  private static final String ROOT = "avro-history/";

  private SchemaHistory() {}

  /** All published versions of the named record, oldest first; never empty for a catalogued record. */
  public static List<Schema> versions(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      String path = ROOT + recordName + "/v" + v + ".avsc";
      try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema history " + path, e);
      }
    }
    return List.copyOf(versions);
  }
}
