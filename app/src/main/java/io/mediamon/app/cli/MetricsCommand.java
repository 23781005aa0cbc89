package io.mediamon.app.cli;

import io.mediamon.sink.ops.MetricsApp;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mediamon metrics}: the operator's view as Prometheus metrics, until stopped. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Serve what `mediamon status` prints as Prometheus metrics at http://HOST:PORT/metrics",
        "(sink.metrics.port, 9464), read from Kafka every sink.metrics.interval (15s), until stopped.",
        "Uses KAFKA_BOOTSTRAP, else the embedded broker of the data directory."})
public final class MetricsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    try (Cluster cluster = Cluster.open(common.settings(), true)) {
      cluster.ensureTopics();
      try (Admin admin = cluster.admin()) {
        MetricsApp metrics = new MetricsApp(cluster.settings(), admin);
        return ServiceRunner.run("metrics", metrics);
      }
    }
  }
}
