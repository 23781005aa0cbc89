package io.mediamon.app.cli;

import io.mediamon.common.ConfigException;
import io.mediamon.common.Settings;
import io.mediamon.sink.alert.AlertsApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mediamon alerts}: the alerts service alone, against KAFKA_BOOTSTRAP. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Evaluate the saved queries of sink.alerts.rules on media.events into media.alerts until stopped. "
        + "Needs KAFKA_BOOTSTRAP.")
public final class AlertsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Cluster cluster = Cluster.open(common.settings(), false);
    cluster.ensureTopics();
    Settings settings = cluster.settings();
    String rules = settings.optional("sink.alerts.rules");
    if (rules == null) {
      throw new ConfigException("sink.alerts.rules", null, settings.origin("sink.alerts.rules"),
          "name the YAML file of saved queries");
    }
    AlertsApp alerts = new AlertsApp(settings, Path.of(rules));
    ServiceRunner.runLoopUntilStopped("alerts", alerts::run, alerts);
    return 0;
  }
}
