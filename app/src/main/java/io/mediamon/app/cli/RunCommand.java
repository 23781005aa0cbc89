package io.mediamon.app.cli;

import io.mediamon.common.KafkaClients;
import io.mediamon.common.Service;
import io.mediamon.common.Settings;
import io.mediamon.common.Versions;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.EventAssembler;
import io.mediamon.ingest.IngestApp;
import io.mediamon.ingest.IngestReport;
import io.mediamon.ingest.poll.FeedList;
import io.mediamon.ingest.poll.FeedPollerApp;
import io.mediamon.ingest.poll.KafkaPollSink;
import io.mediamon.ingest.poll.RecordingPollSink;
import io.mediamon.schemas.AvroJson;
import io.mediamon.sink.SinkApp;
import io.mediamon.sink.alert.AlertsApp;
import io.mediamon.sink.web.WebApp;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediamon run}: the whole pipeline in one process, on an embedded broker unless KAFKA_BOOTSTRAP is set. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run ingest, enrich and sink together. Starts an embedded Kafka broker under the data directory",
        "unless KAFKA_BOOTSTRAP is set. With --once: print each new event record as one JSON line on stdout, a",
        "summary on stderr, and exit when every input has gone through."})
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin CommonOptions common;

  @Option(names = "--once", description = "Exit once every input has gone through enrich and sink.")
  boolean once;

  @Option(names = "--feeds", paramLabel = "FILE", description = {"Also poll the feeds of this list (OPML or YAML): once",
      "with --once, else on their intervals (see `mediamon poll`)."})
  Path feeds;

  @Parameters(paramLabel = "PATH|URL", arity = "0..*",
      description = "Files, folders, feed files or URLs to ingest (default: key ingest.inputs, i.e. seeds/).")
  List<String> inputs = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Settings base = common.settings();
    Path dataDir = CommonOptions.dataDir(base);
    List<String> toIngest = inputs.isEmpty() ? defaultInputs(base) : inputs;
    Instant started = Instant.now();
    // enrich's models (language, topic lexicons, gazetteer) load while the broker starts: about 1.5 s each, cold
    CompletableFuture<EventAssembler> assembler = CompletableFuture.supplyAsync(
        () -> EnrichApp.assembler(base, Versions.of(EnrichApp.class)));
    try (Cluster cluster = Cluster.open(base, true)) {
      Settings settings = once ? quickLakeRolls(cluster.settings()) : cluster.settings();
      cluster.ensureTopics();
      OutputWatcher watcher = new OutputWatcher(cluster.clientProperties("mediamon-run-watcher"));
      // the services in the order they start; they stop in the reverse order
      List<Service> services = new ArrayList<>();
      FeedPollerApp poller = null;
      try (IngestApp ingest = new IngestApp(settings)) {
        services.add(new EnrichApp(settings, dataDir.resolve("streams"), loaded(assembler)));
        services.add(new SinkApp(settings, dataDir.resolve("lake")));
        String rules = settings.optional("sink.alerts.rules");
        if (rules != null) {
          services.add(new AlertsApp(settings, Path.of(rules), dataDir.resolve("alerts")));
        }
        // the pages are for a pipeline that keeps running; a one-shot run prints its events instead
        WebApp web = !once && settings.flag("web.enabled") ? webApp(settings, dataDir) : null;
        if (web != null) {
          services.add(web);
        }
        services.forEach(Service::start);
        IngestReport report = ingest.ingest(toIngest);
        LOG.info("ingested {} documents ({} inputs failed)", report.documentIds().size(), report.deadLetters().size());
        if (feeds != null) {
          // the list first: a list that does not load leaves no transactional producer behind
          var feedList = FeedList.load(feeds, settings.duration("ingest.feeds.interval"));
          RecordingPollSink pollSink = new RecordingPollSink(new KafkaPollSink(settings));
          poller = new FeedPollerApp(settings, feedList, pollSink);
          if (once) {
            poller.poller().pollOnce();
            report = report.with(pollSink.documentIds(), pollSink.failedFeeds());
          } else {
            services.add(poller);
            poller.start();
          }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (once) {
          return finishOnce(settings, watcher, report, out, started, rules != null);
        }
        LOG.info("running; Ctrl-C to stop");
        while (!StopSignal.requested()) {
          watcher.poll(Duration.ofMillis(500), event -> {
            out.println(AvroJson.toJson(event));
            out.flush();
          });
        }
        return 0;
      } finally {
        // the reverse of the start: the poller and the pages first, enrich (which writes its checkpoints) last; each
        // part closes even when another fails to
        for (int i = services.size() - 1; i >= 0; i--) {
          Service service = services.get(i);
          quietly(service.getClass().getSimpleName(), service::close);
        }
        if (poller != null && once) {
          quietly("the poller's producer", poller::closeSink);
        }
        quietly("the output watcher", watcher::close);
        LOG.debug("stopping broker");
      }
    }
  }

  /** A part that fails to close is logged; the others still close. */
  private static void quietly(String part, AutoCloseable close) {
    try {
      close.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("while closing {}: {}", part, e.toString());
    }
  }

  /** The web app, or none when its port is taken: the pipeline matters more than its pages. */
  private static WebApp webApp(Settings settings, Path dataDir) throws Exception {
    try {
      return new WebApp(settings, dataDir);
    } catch (IllegalStateException e) {
      LOG.warn("running without the web app: {}", e.getMessage());
      return null;
    }
  }

  private int finishOnce(Settings settings, OutputWatcher watcher, IngestReport report, PrintWriter out,
      Instant started, boolean alerts) throws InterruptedException {
    Duration timeout = settings.duration("run.once.timeout");
    Progress progress = new Progress(spec.commandLine().getErr(), Progress.onTerminal());
    boolean done = watcher.awaitAll(report.documentIds(), timeout, event -> {
      out.println(AvroJson.toJson(event));
      out.flush();
    }, progress);
    progress.done();
    if (!done && StopSignal.requested()) {
      spec.commandLine().getErr().println("mediamon: stopped before every document came through");
      return 130;
    }
    if (!done) {
      spec.commandLine().getErr().printf("mediamon: not every document came through within %s (run.once.timeout)%n", timeout);
      return 2;
    }
    if (!awaitConsumer(settings, settings.string("sink.group.id"), watcher.eventsThrough(), timeout)) {
      spec.commandLine().getErr().printf("mediamon: the sink did not catch up within %s%n", timeout);
      return 2;
    }
    if (alerts && !awaitConsumer(settings, settings.string("sink.alerts.application.id"), watcher.eventsThrough(), timeout)) {
      spec.commandLine().getErr().printf("mediamon: the alerts did not catch up within %s%n", timeout);
      return 2;
    }
    spec.commandLine().getErr().printf(
        "mediamon: %d documents in, %d events, %d duplicates, %d dead letters (%d inputs failed in ingest) in %.1f s%n",
        report.documentIds().size(), watcher.events(), watcher.duplicates(), watcher.deadLetters(),
        report.deadLetters().size(), Duration.between(started, Instant.now()).toMillis() / 1000.0);
    return 0;
  }

  /**
   * A one-shot run waits for the sink to commit, which it does when its files roll; unless configured otherwise,
   * roll them whenever the sink has caught up and poll briefly, so the run ends as soon as the rows are in the lake.
   */
  private static Settings quickLakeRolls(Settings settings) {
    Map<String, String> quick = new java.util.HashMap<>();
    if ("defaults".equals(settings.origin("sink.lake.roll.interval"))
        && "defaults".equals(settings.origin("sink.lake.roll.when.idle"))) {
      // a batch: files roll when the sink has caught up (at the end, or when enrich pauses), so a large input writes
      // files of many rows instead of one set every 100 ms; the interval bounds what a long run holds open
      quick.put("sink.lake.roll.interval", "10s");
      quick.put("sink.lake.roll.when.idle", "true");
    }
    if ("defaults".equals(settings.origin("sink.lake.roll.max.open.files"))) {
      // an archive spread over years opens a file per publication day: held open for 10 s, 64 of them per partition
      // and table cost the collectors a fifth of the run (BENCHMARKS.md)
      quick.put("sink.lake.roll.max.open.files", "16");
    }
    if ("defaults".equals(settings.origin("sink.poll.timeout"))) {
      quick.put("sink.poll.timeout", "100ms");
    }
    return settings.with(quick);
  }

  /** The assembler once loaded; a failure to load (a bad setting) is thrown as it was raised. */
  private static EventAssembler loaded(CompletableFuture<EventAssembler> assembler) {
    try {
      return assembler.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Waits until a consumer group's committed offsets reach {@code ends}: it has every event of the run. */
  private static boolean awaitConsumer(Settings settings, String group, Map<TopicPartition, Long> ends,
      Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(KafkaClients.base(settings, "mediamon-run-watcher"))) {
      while (Instant.now().isBefore(deadline) && !StopSignal.requested()) {
        try {
          Map<TopicPartition, OffsetAndMetadata> committed = admin
              .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
          boolean caughtUp = ends.entrySet().stream().allMatch(
              e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
          if (caughtUp) {
            return true;
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          LOG.debug("{} offsets not readable yet: {}", group, e.getMessage());
        }
        Thread.sleep(200);
      }
    }
    return false;
  }

  /** The configured default inputs; relative ones are found from the working directory or the install directory. */
  static List<String> defaultInputs(Settings settings) {
    List<String> result = new ArrayList<>();
    String home = System.getenv("MEDIAMON_HOME");
    for (String input : settings.list("ingest.inputs")) {
      Path p = Path.of(input);
      if (!p.isAbsolute() && !Files.exists(p) && home != null && Files.exists(Path.of(home).resolve(input))) {
        result.add(Path.of(home).resolve(input).toString());
      } else {
        result.add(input);
      }
    }
    return result;
  }
}
