package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved query on the seed fires once for the seed and its syndicated copy together: the copy is recognised as the
 * same story and never reaches media.events. Runs the CLI on the embedded broker, then reads media.alerts back.
 */
class AlertsIT {
  @TempDir Path dataDir;
  @TempDir Path inputs;

  @Test
  void shouldAlertOncePerStoryNotOncePerCopy() throws Exception {
    String seed = Files.readString(RunOnceIT.seeds().resolve("000_1d40934e40241a50.txt"));
    Files.writeString(inputs.resolve("a-seed.txt"), seed);
    // another outlet's copy: its own headline and footer, one sentence edited
    Files.writeString(inputs.resolve("b-copy.txt"), "La Russie renforce sa présence au Niger\n\n"
        + seed.substring(seed.indexOf("Niamey, 06"), seed.indexOf("https://x.com"))
            .replace("significatif", "remarqué") + "\n\n© 2023 Sahel Hebdo");
    Path rules = inputs.resolve("rules.yaml");
    Files.writeString(rules, """
        - id: niger-conflict
          query: country:NE AND topic:16000000
        - id: broken
          query: country:NE AND (
        - id: sport
          query: topic:15000000
        """);
    String port = String.valueOf(RunOnceIT.freePort());

    RunOnceIT.Result run = RunOnceIT.run("run", "--once", "--data-dir", dataDir.toString(), "--broker-port", port,
        "-D", "kafka.bootstrap=", "-D", "sink.alerts.rules=" + rules, inputs.resolve("a-seed.txt").toString(),
        inputs.resolve("b-copy.txt").toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("2 documents in, 1 events, 1 duplicates");

    RunOnceIT.Result alerts = RunOnceIT.run("tail", "media.alerts", "--data-dir", dataDir.toString(),
        "--broker-port", port, "-D", "kafka.bootstrap=");
    assertThat(alerts.exitCode()).as(alerts.stderr()).isZero();
    assertThat(alerts.events()).singleElement().satisfies((JsonNode alert) -> {
      assertThat(alert.get("rule_id").asText()).isEqualTo("niger-conflict");
      // both files go in together on different partitions: whichever enrich judges first is the story's first copy
      assertThat(alert.get("title").asText()).isIn("Niger : La Russie s’installe après le départ forcé de la France",
          "La Russie renforce sa présence au Niger");
      assertThat(alert.get("alert_id").asText()).isEqualTo("niger-conflict:" + alert.get("story_id").asText());
      assertThat(alert.get("matched_terms").toString()).contains("country:NE", "topic:16000000");
    });
  }
}
