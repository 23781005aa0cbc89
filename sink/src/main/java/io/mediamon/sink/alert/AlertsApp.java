package io.mediamon.sink.alert;

import io.mediamon.common.Settings;
import io.mediamon.common.StreamsDeadLetters;
import io.mediamon.common.StreamsSettings;
import io.mediamon.common.Versions;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newsroom alerts: the {@link AlertsTopology} (saved queries of a YAML file and of media.alert-rules evaluated on every
 * first copy, one alert per story per rule to media.alerts, exactly once) and the {@link WebhookDispatcher} that
 * delivers them.
 */
public final class AlertsApp implements io.mediamon.common.LoopService {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsApp.class);
  private final KafkaStreams streams;
  private final WebhookDispatcher webhooks;
  private final AlertMetrics metrics = new AlertMetrics();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param rulesFile YAML saved queries, or null for the rules of media.alert-rules only
   * @param defaultStateDir Streams state when {@code sink.alerts.state.dir} is blank
   */
  public AlertsApp(Settings settings, Path rulesFile, Path defaultStateDir) {
    List<RuleBook.Rule> fileRules = rulesFile == null ? List.of() : RuleBook.load(rulesFile).rules();
    String stateDir = settings.optional("sink.alerts.state.dir");
    Properties props = StreamsSettings.base(settings, settings.string("sink.alerts.application.id"),
        stateDir != null ? stateDir : defaultStateDir.toString(), 1, "sink.alerts.commit.interval");
    String component = "mediamon-alerts/" + Versions.of(AlertsApp.class);
    StreamsDeadLetters.install(props, "alerts", component, io.mediamon.common.DeadLetters.payloadCap(settings), metrics.processingDeadLetterCounter());
    // media.events is dead-lettered by the lake sink already; alerts skip what does not decode
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    this.streams = new KafkaStreams(AlertsTopology.build(fileRules, metrics, Clock.systemUTC()), props);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("alerts stream thread failed, replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    this.webhooks = new WebhookDispatcher(settings, WebhookDispatcher.client(settings), metrics, component);
  }

  /** The alerts an event raises, one per matching rule; {@code story} (may be null) gives the outlet count. */
  public static List<AlertRecord> evaluate(List<RuleBook.Rule> rules, EventRecord event, StoryRecord story,
      Instant now) {
    Query.EventView view = new Query.EventView(event);
    List<AlertRecord> alerts = new ArrayList<>();
    for (RuleBook.Rule rule : rules) {
      Set<String> matched = new LinkedHashSet<>();
      if (rule.query().matches(view, matched)) {
        String storyId = event.getStoryId() != null ? event.getStoryId() : event.getId();
        alerts.add(AlertRecord.newBuilder()
            .setAlertId(rule.id() + ":" + storyId)
            .setRuleId(rule.id())
            .setRuleQuery(rule.text())
            .setEventId(event.getId())
            .setStoryId(storyId)
            .setTitle(event.getTitle())
            .setUrl(event.getCanonicalUrl() != null ? event.getCanonicalUrl() : event.getUrl())
            .setSource(event.getSource().getSiteName())
            .setMatchedTerms(new ArrayList<>(matched))
            .setCreatedAt(now)
            .setOutletCount(story != null ? Math.max(1, story.getSourceCount()) : 1)
            .setArticleCount(story != null ? Math.max(1, story.getArticleCount()) : 1)
            .setLanguage(event.getLanguage())
            .setWebhooks(rule.webhooks())
            .build());
      }
    }
    return alerts;
  }

  /** Runs until {@link #close()}: the topology on its own threads, webhook delivery on this one. */
  public void run() {
    streams.start();
    try {
      webhooks.run();
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));
      LOG.info("alerts stopped: {}", metrics);
    }
  }

  public AlertMetrics metrics() {
    return metrics;
  }

  private final io.mediamon.common.ServiceThread thread = new io.mediamon.common.ServiceThread("mediamon-alerts",
      this::run, this::stopLoop, Duration.ofSeconds(45));

  @Override
  public io.mediamon.common.ServiceThread loopThread() {
    return thread;
  }

  @Override
  public boolean ready() {
    return thread.running() && streams.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
  }

  private void stopLoop() {
    stopped.countDown();
    webhooks.close();
  }
}
