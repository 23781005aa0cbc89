package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mediamon.common.Settings;
import io.mediamon.sink.alert.RuleBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so what it asks of the repository and of the jar is
 * checked instead: each service runs a command the CLI has, sets only configuration keys mediamon knows, and every
 * file it reads through a read-only mount is in the repository and parses.
 */
class DeploymentFilesTest {
  private static final Path ROOT = RunOnceIT.seeds().getParent();

  @Test
  void shouldStartEveryServiceWithACommandTheCliHas() throws Exception {
    Set<String> commands = new CommandLine(new Main()).getSubcommands().keySet();
    JsonNode services = compose().get("services");
    int built = 0;
    for (Map.Entry<String, JsonNode> service : services.properties()) {
      if (service.getValue().has("build")) {
        built++;
        assertThat(commands).as(service.getKey()).contains(service.getValue().get("command").get(0).asText());
      }
    }
    assertThat(built).as("services built from this repository").isGreaterThanOrEqualTo(5);
  }

  @Test
  void shouldSetOnlyVariablesThatAreConfigurationKeys() throws Exception {
    for (Map.Entry<String, JsonNode> service : compose().get("services").properties()) {
      Map<String, String> environment = environment(service.getValue());
      assertThat(Settings.unknownVariables(environment)).as(service.getKey()).isEmpty();
    }
  }

  @Test
  void shouldFindEveryFileItMountsReadOnlyAndReadsInTheRepository() throws Exception {
    int read = 0;
    for (Map.Entry<String, JsonNode> service : compose().get("services").properties()) {
      Map<String, Path> mounts = new HashMap<>();
      for (JsonNode volume : service.getValue().path("volumes")) {
        String[] parts = volume.asText().split(":");
        if (parts[0].startsWith("./") && parts.length == 3 && parts[2].equals("ro")) {
          assertThat(ROOT.resolve(parts[0])).as(service.getKey() + " mounts " + parts[0]).isDirectory();
          mounts.put(parts[1] + "/", ROOT.resolve(parts[0]));
        }
      }
      for (String value : environment(service.getValue()).values()) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
          if (value.startsWith(mount.getKey())) {
            Path file = mount.getValue().resolve(value.substring(mount.getKey().length()));
            assertThat(file).as(service.getKey() + " reads " + value).isRegularFile();
            read++;
          }
        }
      }
    }
    assertThat(read).as("files the services read through mounts (feeds, and the rules of alerts and web)").isEqualTo(3);
    // the alerts service refuses to start on a rules file it cannot read
    RuleBook.Loaded rules = RuleBook.load(ROOT.resolve("rules/alerts.yaml"));
    assertThat(rules.errors()).isEmpty();
    assertThat(rules.rules()).isNotEmpty();
  }

  private static JsonNode compose() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(ROOT.resolve("docker-compose.yml")));
  }

  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> environment = new HashMap<>();
    service.path("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
    return environment;
  }
}
