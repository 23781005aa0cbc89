package io.mediamon.app.cli;

import io.mediamon.sink.web.WebApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mediamon web}: the web app alone, against any cluster. */
@Command(name = "web", mixinStandardHelpOptions = true,
    description = {"Serve the web app (live stories, search, saved queries, operator's view) at",
        "http://web.host:web.port (127.0.0.1:8080) until stopped. Beyond loopback it requires web.token.",
        "Uses KAFKA_BOOTSTRAP, else the embedded broker of the data directory."})
public final class WebCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    try (Cluster cluster = Cluster.open(common.settings(), true)) {
      cluster.ensureTopics();
      WebApp web = new WebApp(cluster.settings(), CommonOptions.dataDir(cluster.settings()));
      return ServiceRunner.run("web", web);
    }
  }
}
