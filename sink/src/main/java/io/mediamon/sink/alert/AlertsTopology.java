package io.mediamon.sink.alert;

import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.AlertRule;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Topics;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The alerts service as a Kafka Streams topology:
 *
 * <pre>
 * media.alert-rules ─► [alert-rules-store] (global: every instance sees every rule)
 * media.stories ─────► [alert-stories-store] (table keyed by story id)
 * media.events ──► alert-story-join (left join: the story's outlets so far) ──► alert-matcher ──► media.alerts
 * </pre>
 *
 * media.events carries only the first copy of each story, and its key is the story id, so the join needs no
 * repartition and a story alerts once per rule however many outlets carry it. Exactly-once v2 makes that once
 * across restarts as well.
 */
public final class AlertsTopology {
  public static final String RULES_STORE = "alert-rules-store";
  public static final String STORIES_STORE = "alert-stories-store";
  private static final Serde<String> KEY = Serdes.String();

  private AlertsTopology() {}

  /** An event and, when the table has it already, its story. */
  record Candidate(EventRecord event, StoryRecord story) {}

  public static Topology build(List<RuleBook.Rule> fileRules, AlertMetrics metrics, Clock clock) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES_STORE), KEY, Topics.ALERT_RULE_SERDE)
            .withLoggingDisabled(),
        Topics.ALERT_RULES.name(),
        Consumed.with(KEY, Topics.ALERT_RULE_SERDE).withName("alert-rules-source"),
        RuleStoreUpdater::new);
    var stories = builder.table(Topics.STORIES.name(),
        Consumed.with(KEY, Topics.STORY_SERDE).withName("alert-stories-source"),
        Materialized.<String, StoryRecord, KeyValueStore<Bytes, byte[]>>as(STORIES_STORE)
            .withKeySerde(KEY).withValueSerde(Topics.STORY_SERDE));
    builder.stream(Topics.EVENTS.name(), Consumed.with(KEY, Topics.EVENT_SERDE).withName("alert-events-source"))
        .leftJoin(stories, Candidate::new,
            Joined.with(KEY, Topics.EVENT_SERDE, Topics.STORY_SERDE).withName("alert-story-join"))
        .process(() -> new Matcher(new LiveRules(fileRules), metrics, clock), Named.as("alert-matcher"))
        .to(Topics.ALERTS.name(), Produced.with(KEY, Topics.ALERT_SERDE).withName("alerts-sink"));
    return builder.build();
  }

  /** Keeps the global store equal to the compacted topic: a record replaces a rule, a tombstone deletes it. */
  private static final class RuleStoreUpdater implements Processor<String, AlertRule, Void, Void> {
    private KeyValueStore<String, AlertRule> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(RULES_STORE);
    }

    @Override
    public void process(Record<String, AlertRule> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }

  /** Evaluates the rules in force on each first copy and emits one alert per matching rule. */
  private static final class Matcher implements Processor<String, Candidate, String, AlertRecord> {
    private final LiveRules rules;
    private final AlertMetrics metrics;
    private final Clock clock;
    private ProcessorContext<String, AlertRecord> context;
    private ReadOnlyKeyValueStore<String, AlertRule> topicRules;

    Matcher(LiveRules rules, AlertMetrics metrics, Clock clock) {
      this.rules = rules;
      this.metrics = metrics;
      this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, AlertRecord> context) {
      this.context = context;
      this.topicRules = context.getStateStore(RULES_STORE);
    }

    @Override
    public void process(Record<String, Candidate> record) {
      Candidate c = record.value();
      if (c == null || c.event() == null) {
        return;
      }
      metrics.eventSeen();
      for (AlertRecord alert : AlertsApp.evaluate(rules.current(topicRules), c.event(), c.story(), clock.instant())) {
        metrics.alertRaised();
        context.forward(record.withKey(alert.getAlertId()).withValue(alert));
      }
    }
  }
}
