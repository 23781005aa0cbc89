package io.mediamon.sink.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The figures of a {@link PipelineStatus} snapshot as Prometheus gauges, so that a scraper can graph them and alert
 * on them: the same names and numbers as {@code mediamon status}, one series per topic, group and topic, stage,
 * origin or feed status. Series that leave the snapshot (a stage with no dead letter left in the window) leave the
 * exposition too.
 */
public final class PipelineMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge endOffsets = multi("mediamon.topic.end.offset",
      "End offset summed over the topic's partitions (transactions' commit markers included)");
  private final MultiGauge rates = multi("mediamon.topic.records.rate",
      "Offsets per second over the last refresh interval");
  private final MultiGauge lags = multi("mediamon.consumer.lag",
      "End offsets minus the group's committed offsets; -1 when the group has committed nothing on the topic");
  private final MultiGauge deadLettersByStage = multi("mediamon.dead.letters.stage",
      "Dead letters within the look-back window, by the stage that wrote them");
  private final MultiGauge deadLettersByOrigin = multi("mediamon.dead.letters.origin",
      "Dead letters within the look-back window, by origin topic (input: files and URLs)");
  private final MultiGauge feedsByStatus = multi("mediamon.feeds.status",
      "Feeds by the status of their latest poll within the look-back window");
  private final AtomicLong deadLetters = gauge("mediamon.dead.letters", "Dead letters within the look-back window");
  private final AtomicLong feedsPolled = gauge("mediamon.feeds.polled", "Feeds polled within the look-back window");
  private final AtomicLong feedsStale = gauge("mediamon.feeds.stale", "Feeds whose latest poll found them stale");
  private final AtomicLong feedsFailing = gauge("mediamon.feeds.failing",
      "Feeds whose latest poll failed (failures in a row above 0)");
  private final AtomicLong refreshedAt = gauge("mediamon.status.refreshed.timestamp.seconds",
      "When the figures were last read from Kafka, epoch seconds: alert when it stops moving");

  /** Sets every gauge from one {@link PipelineStatus#snapshot}. */
  public void update(JsonNode snapshot, long epochSeconds) {
    endOffsets.register(rows(snapshot.path("topics"), "topic", t -> t.path("end_offset")), true);
    rates.register(rows(snapshot.path("topics"), "topic", t -> t.path("per_second")), true);
    List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> group : snapshot.path("consumer_lag").properties()) {
      for (Map.Entry<String, JsonNode> topic : group.getValue().properties()) {
        lagRows.add(MultiGauge.Row.of(Tags.of("group", group.getKey(), "topic", topic.getKey()),
            topic.getValue().asDouble()));
      }
    }
    lags.register(lagRows, true);
    JsonNode dlq = snapshot.path("dead_letters");
    deadLetters.set(dlq.path("count").asLong());
    deadLettersByStage.register(rows(dlq.path("by_stage"), "stage", Function.identity()), true);
    deadLettersByOrigin.register(rows(dlq.path("by_origin"), "origin", Function.identity()), true);
    JsonNode feeds = snapshot.path("feeds");
    feedsPolled.set(feeds.path("polled").asLong());
    feedsStale.set(feeds.path("stale").asLong());
    feedsFailing.set(feeds.path("failing").size());
    feedsByStatus.register(rows(feeds.path("by_status"), "status", Function.identity()), true);
    refreshedAt.set(epochSeconds);
  }

  /** The Prometheus text exposition of every gauge. */
  public String scrape() {
    return registry.scrape();
  }

  /** One row per field of {@code object}, tagged with the field's name, valued by {@code value} of the field. */
  private static List<MultiGauge.Row<?>> rows(JsonNode object, String tag, Function<JsonNode, JsonNode> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      rows.add(MultiGauge.Row.of(Tags.of(tag, field.getKey()), value.apply(field.getValue()).asDouble()));
    }
    return rows;
  }

  private MultiGauge multi(String name, String description) {
    return MultiGauge.builder(name).description(description).register(registry);
  }

  private AtomicLong gauge(String name, String description) {
    AtomicLong value = new AtomicLong();
    Gauge.builder(name, value, AtomicLong::doubleValue).description(description).register(registry);
    return value;
  }
}
