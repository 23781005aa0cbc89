package io.mediamon.app.cli;

import io.mediamon.sink.SinkApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mediamon sink}: the lake sink alone, against KAFKA_BOOTSTRAP. */
@Command(name = "sink", mixinStandardHelpOptions = true,
    description = "Consume media.events into the lake until stopped. Needs KAFKA_BOOTSTRAP.")
public final class SinkCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Cluster cluster = Cluster.open(common.settings(), false);
    cluster.ensureTopics();
    SinkApp sink = new SinkApp(cluster.settings(), CommonOptions.dataDir(cluster.settings()).resolve("lake"));
    return ServiceRunner.run("sink", sink);
  }
}
