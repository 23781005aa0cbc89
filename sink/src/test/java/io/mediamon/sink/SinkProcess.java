package io.mediamon.sink;

import io.mediamon.common.Settings;
import java.nio.file.Path;
import java.util.Map;

/** A lake sink in a JVM of its own, so that a test can kill it the way an operator's OOM killer would. */
public final class SinkProcess {
  private SinkProcess() {}

  public static void main(String[] args) {
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", args[0], "sink.group.id", args[1],
        "sink.poll.timeout", "100ms", "sink.lake.roll.interval", "1h",
        // the broker's minimum, so that the next sink does not wait 45 s for this one to be declared dead
        "kafka.client.session.timeout.ms", "6000"));
    new SinkApp(settings, Path.of(args[2])).run();
  }
}
