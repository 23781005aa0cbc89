package io.mediamon.app.cli;

import io.mediamon.enrich.EnrichApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mediamon enrich}: the enrich Streams application alone, against KAFKA_BOOTSTRAP. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = "Run the enrich topology (media.raw -> media.events/duplicates/dlq) until stopped. Needs KAFKA_BOOTSTRAP.")
public final class EnrichCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Cluster cluster = Cluster.open(common.settings(), false);
    cluster.ensureTopics();
    EnrichApp enrich = new EnrichApp(cluster.settings(), CommonOptions.dataDir(cluster.settings()).resolve("streams"));
    return ServiceRunner.run("enrich", enrich);
  }
}
