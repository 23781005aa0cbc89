package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each service module reads only the configuration keys it declares (its {@code mediamon-<module>.properties}) and
 * the common ones (Kafka, dead letters): a module that reads another's key breaks when that module changes it, and a
 * deployment of one service would need another's settings. The command line (app) and the benchmarks see all.
 */
class ModuleKeysTest {
  private static final Pattern KEY = Pattern.compile("\"((?:kafka|run|dlq|ingest|enrich|sink|web)\\.[a-z0-9.\\-]+)\"");
  private static final Map<String, Set<String>> OWN = Map.of(
      "ingest", Set.of("ingest"), "enrich", Set.of("enrich"), "sink", Set.of("sink", "web"), "common", Set.of());
  /** Common keys every module may read. */
  private static final Set<String> COMMON = Set.of("kafka", "dlq");
  /**
   * The operator's view watches every service's consumer group, so it reads their group and application ids: the
   * one place a module knows another's keys, by design.
   */
  private static final Set<String> WATCHED_IDS = Set.of("enrich.application.id");
  /** Old names Settings maps to their new ones (with a warning), so that a deployment not yet updated keeps working. */
  private static final Set<String> RENAMED = Set.of("enrich.dlq.payload.max.bytes");

  @Test
  void shouldReadOnlyItsOwnAndTheCommonKeys() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> foreign = new ArrayList<>();
    for (Map.Entry<String, Set<String>> module : OWN.entrySet()) {
      try (Stream<Path> files = Files.walk(root.resolve(module.getKey()).resolve("src/main/java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = KEY.matcher(Files.readString(file));
          while (m.find()) {
            String key = m.group(1);
            String prefix = key.substring(0, key.indexOf('.'));
            if (!module.getValue().contains(prefix) && !COMMON.contains(prefix) && !WATCHED_IDS.contains(key)
                && !RENAMED.contains(key)) {
              foreign.add(module.getKey() + ": " + root.relativize(file) + " reads " + key);
            }
          }
        }
      }
    }
    assertThat(foreign).isEmpty();
  }
}
