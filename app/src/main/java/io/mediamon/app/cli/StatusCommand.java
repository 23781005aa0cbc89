package io.mediamon.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediamon.sink.ops.PipelineStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediamon status}: the operator's view of the pipeline, as JSON. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Print what operators watch, as one JSON object: records and records/s per topic, consumer lag of",
        "enrich, sink, alerts and webhooks, dead letters by stage and origin, and feed health (latest poll per feed:",
        "status counts, stale and failing feeds). Uses KAFKA_BOOTSTRAP, else the embedded broker of the data directory."})
public final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--sample", defaultValue = "5s", description = "Time between the two readings that give rates (default 5s).")
  String sample;

  @Option(names = "--window", defaultValue = "24h", description = "Look-back for dead letters and feed health (default 24h).")
  String window;

  @Option(names = "--watch", description = "Print a snapshot every sample until stopped.")
  boolean watch;

  @Option(names = "--pretty", description = "Indent the JSON.")
  boolean pretty;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Cluster cluster = Cluster.open(common.settings(), true)) {
      cluster.ensureTopics();
      var settings = cluster.settings().with(Map.of("status.sample", sample, "status.window", window));
      Duration sampleTime = settings.duration("status.sample");
      Duration windowTime = settings.duration("status.window");
      ObjectMapper json = new ObjectMapper();
      PrintWriter out = spec.commandLine().getOut();
      try (Admin admin = cluster.admin()) {
        PipelineStatus status = new PipelineStatus(settings, admin);
        do {
          ObjectNode snapshot = status.snapshot(sampleTime, windowTime);
          out.println(pretty ? json.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot) : json.writeValueAsString(snapshot));
          out.flush();
        } while (watch && !StopSignal.requested());
      }
      return 0;
    }
  }
}
