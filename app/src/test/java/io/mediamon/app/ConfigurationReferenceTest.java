package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code's own declaration of keys (each module's {@code mediamon-*.properties}, which
 * {@link Settings} reads and checks every key against): the same keys, with the same defaults, so the reference
 * cannot drift from what mediamon accepts. A failure lists the rows to add, change or remove.
 */
class ConfigurationReferenceTest {
  /** A table row of the reference: | `key` | `default` or (blank) | meaning |. */
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.\\-]+)` \\| (?:`([^`]*)`|\\(blank\\)) \\|", Pattern.MULTILINE);

  @Test
  void shouldListEveryKeyWithItsDefaultAndNoOther() throws IOException {
    Map<String, String> declared = new TreeMap<>();
    for (String module : List.of("defaults", "ingest", "enrich", "sink")) {
      Properties defaults = new Properties();
      try (InputStream in = Settings.class.getResourceAsStream("/mediamon-" + module + ".properties")) {
        defaults.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      }
      defaults.stringPropertyNames().forEach(key -> declared.put(key, defaults.getProperty(key).strip()));
    }

    Map<String, String> documented = new TreeMap<>();
    Matcher row = ROW.matcher(Files.readString(reference()));
    while (row.find()) {
      documented.put(row.group(1), row.group(2) == null ? "" : row.group(2));
    }
    assertThat(documented).as("docs/configuration.md: keys and defaults, against every module's declaration")
        .containsExactlyInAnyOrderEntriesOf(declared);
  }

  private static Path reference() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/configuration.md"))) {
        return dir.resolve("docs/configuration.md");
      }
    }
    throw new IllegalStateException("no docs/configuration.md above " + Path.of("").toAbsolutePath());
  }
}
