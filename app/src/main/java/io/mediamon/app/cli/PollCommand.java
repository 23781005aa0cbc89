package io.mediamon.app.cli;

import io.mediamon.common.Settings;
import io.mediamon.ingest.poll.FeedPollerApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mediamon poll}: the feed poller. */
@Command(name = "poll", mixinStandardHelpOptions = true,
    description = {"Poll the feeds of a feed list (OPML or YAML; default: key ingest.feeds) into media.raw, politely,",
        "with per-feed state on media.feed-state and a health record per poll on media.feed-health.",
        "Uses KAFKA_BOOTSTRAP, else the embedded broker of the data directory."})
public final class PollCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--feeds", paramLabel = "FILE", description = "Feed list (default: key ingest.feeds).")
  Path feeds;

  @Option(names = "--once", description = "Poll every feed once, then exit.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    try (Cluster cluster = Cluster.open(common.settings(), true)) {
      cluster.ensureTopics();
      Settings settings = cluster.settings();
      Path list = feeds != null ? feeds : Path.of(settings.string("ingest.feeds"));
      FeedPollerApp app = new FeedPollerApp(settings, list);
      try {
        if (once) {
          app.poller().pollOnce();
        } else {
          StopSignal.onStop(app::stopPolling);
          app.poller().pollForever();
        }
      } finally {
        app.closeSink();
      }
      return 0;
    }
  }
}
