package io.mediamon.enrich;

import io.mediamon.common.Settings;
import io.mediamon.common.StreamsDeadLetters;
import io.mediamon.common.StreamsSettings;
import io.mediamon.common.Versions;
import io.mediamon.enrich.dedup.DedupSettings;
import io.mediamon.enrich.extract.Extractor;
import io.mediamon.enrich.tag.Gazetteer;
import io.mediamon.enrich.tag.LanguageIdentifier;
import io.mediamon.enrich.tag.Tagger;
import io.mediamon.enrich.tag.TopicClassifier;
import io.mediamon.enrich.tag.Watchlist;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The enrich service: configuration and lifecycle of the Kafka Streams application. */
public final class EnrichApp implements io.mediamon.common.Service {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichApp.class);
  private final KafkaStreams streams;
  private final EnrichMetrics metrics = new EnrichMetrics();

  /**
   * @param settings layered configuration
   * @param defaultStateDir state directory used when {@code enrich.state.dir} is blank
   */
  public EnrichApp(Settings settings, Path defaultStateDir) {
    this(settings, defaultStateDir, assembler(settings, Versions.of(EnrichApp.class)));
  }

  /**
   * With an assembler built beforehand by {@link #assembler}: its language model, lexicons and gazetteer take a
   * second or two to load, which a caller can spend starting something else.
   */
  public EnrichApp(Settings settings, Path defaultStateDir, EventAssembler assembler) {
    String version = Versions.of(EnrichApp.class);
    int payloadCap = io.mediamon.common.DeadLetters.payloadCap(settings);
    String component = "mediamon-enrich/" + version;
    Topology topology = EnrichTopology.build(assembler, metrics, payloadCap, component,
        DedupSettings.from(settings), settings.duration("enrich.posts.retention"));
    Properties props = streamsConfig(settings, defaultStateDir);
    StreamsDeadLetters.install(props, "enrich", component, payloadCap, metrics.deadLetters);
    streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed, replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /** The assembler with the configured extractor limits and language identifier. */
  public static EventAssembler assembler(Settings settings, String version) {
    LanguageIdentifier languages = languages(settings);
    // no body on media.raw is larger than the topic takes: ingest caps its own below that
    Extractor extractor = new Extractor(io.mediamon.schemas.Topics.MAX_RECORD_BYTES);
    String watchlist = settings.optional("enrich.watchlist");
    Tagger tagger = new Tagger(Gazetteer.load(), Watchlist.load(watchlist == null ? null : Path.of(watchlist)),
        TopicClassifier.load());
    return new EventAssembler(extractor, languages, tagger, Clock.systemUTC(), version);
  }

  /** Stream threads: {@code enrich.threads}, or with 0 (the default) one per processor. */
  static int threads(Settings settings) {
    int threads = settings.integer("enrich.threads");
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The language identifier over the configured languages, with the configured detector (and Lingua's mode). */
  public static LanguageIdentifier languages(Settings settings) {
    return new LanguageIdentifier(settings.list("enrich.language.languages"),
        settings.choice("enrich.language.detector", LanguageIdentifier.Detector.class),
        settings.choice("enrich.language.mode", LanguageIdentifier.Mode.class));
  }

  /** Streams configuration: exactly-once v2, named application, replicas from the broker default. */
  public static Properties streamsConfig(Settings settings, Path defaultStateDir) {
    String stateDir = settings.optional("enrich.state.dir");
    return StreamsSettings.base(settings, settings.string("enrich.application.id"),
        stateDir != null ? stateDir : defaultStateDir.toString(), threads(settings),
        "enrich.commit.interval");
  }

  @Override
  public boolean ready() {
    return streams.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
  }

  @Override
  public void start() {
    streams.start();
  }

  /** True once the application is running (or rebalancing) and not failed. */
  public boolean isRunning() {
    return streams.state().isRunningOrRebalancing();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public EnrichMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    // leave the group: otherwise the next start waits a whole session timeout (45 s) for this member to expire
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
