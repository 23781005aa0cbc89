package io.mediamon.sink.alert;

import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newsroom alerts: evaluates every saved query on each event of {@code media.events} and writes a match to
 * {@code media.alerts}. Only first copies reach media.events, so a story alerts once per rule however many outlets
 * carry it. At-least-once: alerts are flushed before offsets are committed, and the alert id (rule:story) lets a
 * receiver drop a repeat after a crash.
 */
public final class AlertsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsApp.class);
  private final List<RuleBook.Rule> rules;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, AlertRecord> producer;
  private final AtomicBoolean running = new AtomicBoolean(true);

  public AlertsApp(Settings settings, Path rulesFile) {
    this.rules = RuleBook.load(rulesFile).rules();
    Map<String, Object> base = KafkaClients.base(settings, "mediamon-alerts");
    Map<String, Object> c = new HashMap<>(base);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.string("sink.alerts.group.id"));
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> p = new HashMap<>(base);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(p, Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer());
  }

  /** The alerts an event raises, one per matching rule. */
  public static List<AlertRecord> evaluate(List<RuleBook.Rule> rules, EventRecord event, Instant now) {
    Query.EventView view = new Query.EventView(event);
    List<AlertRecord> alerts = new ArrayList<>();
    for (RuleBook.Rule rule : rules) {
      Set<String> matched = new LinkedHashSet<>();
      if (rule.query().matches(view, matched)) {
        String story = event.getStoryId() != null ? event.getStoryId() : event.getId();
        alerts.add(AlertRecord.newBuilder()
            .setAlertId(rule.id() + ":" + story)
            .setRuleId(rule.id())
            .setRuleQuery(rule.text())
            .setEventId(event.getId())
            .setStoryId(story)
            .setTitle(event.getTitle())
            .setUrl(event.getCanonicalUrl() != null ? event.getCanonicalUrl() : event.getUrl())
            .setSource(event.getSource().getSiteName())
            .setMatchedTerms(new ArrayList<>(matched))
            .setCreatedAt(now)
            .build());
      }
    }
    return alerts;
  }

  /** Consumes until {@link #close()}. */
  public void run() {
    consumer.subscribe(List.of(Topics.EVENTS.name()));
    try {
      while (running.get()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> r : records) {
          EventRecord event;
          try {
            event = Topics.EVENT_SERDE.decode(r.value());
          } catch (RuntimeException e) {
            // the lake sink dead-letters undecodable events; alerts only skip them
            LOG.warn("alerts skip undecodable event {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            continue;
          }
          for (AlertRecord alert : evaluate(rules, event, Instant.now())) {
            LOG.info("alert {} for \"{}\" ({})", alert.getRuleId(), alert.getTitle(), alert.getMatchedTerms());
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getAlertId(), alert));
          }
        }
        if (!records.isEmpty()) {
          producer.flush();
          consumer.commitSync();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(10));
      producer.close(Duration.ofSeconds(10));
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
