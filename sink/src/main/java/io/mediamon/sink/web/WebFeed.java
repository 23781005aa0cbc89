package io.mediamon.sink.web;

import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.search.SearchIndex;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the web app from the topics with one reader (committed records only, no consumer group): media.events and
 * media.duplicates into the search index from the offsets its last commit holds, and media.stories,
 * media.alert-rules and media.alerts into memory from their beginning (bounded boards). Each batch is committed to
 * the index with its offsets, then the stories it touched and the matches it brought are pushed to the browsers.
 */
final class WebFeed implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebFeed.class);
  private static final List<String> INDEXED = List.of(Topics.EVENTS.name(), Topics.DUPLICATES.name());
  private static final List<String> REPLAYED = List.of(Topics.STORIES.name(), Topics.ALERT_RULES.name(),
      Topics.ALERTS.name());

  private final KafkaConsumer<String, byte[]> consumer;
  private final SearchIndex index;
  private final StoryBoard stories;
  private final RuleBoard rules;
  private final Listener listener;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile boolean caughtUp;
  private volatile String lastError;

  /** What the feed tells the pages about. */
  interface Listener {
    void story(String storyId);

    void match(AlertRecord alert);
  }

  WebFeed(Settings settings, SearchIndex index, StoryBoard stories, RuleBoard rules, Listener listener) {
    Map<String, Object> c = KafkaClients.base(settings, "mediamon-web");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    // an index offset that has left the topic's retention: read what is left rather than jump to the end
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    this.index = index;
    this.stories = stories;
    this.rules = rules;
    this.listener = listener;
  }

  /** Whether the feed has read every topic to the end once (the pages are complete). */
  boolean caughtUp() {
    return caughtUp;
  }

  /** The last error that interrupted the feed, or null; the pages stay up and the feed starts over from the index. */
  String lastError() {
    return lastError;
  }

  @Override
  public void run() {
    try {
      while (running.get()) {
        try {
          follow();
        } catch (WakeupException e) {
          if (running.get()) {
            throw e;
          }
        } catch (RuntimeException e) {
          // the broker out of reach, the disk full: say so, wait, and resume from what the index committed
          lastError = e.toString();
          LOG.error("web: the feed stopped ({}); starting over from the index's offsets in 5 s", e.toString());
          sleep(5_000);
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void follow() {
    Map<TopicPartition, Long> ends = assign();
    while (running.get()) {
      List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
      consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
      if (!batch.isEmpty()) {
        apply(batch);
      }
      if (!caughtUp && reached(ends)) {
        caughtUp = true;
        lastError = null;
        LOG.info("web: caught up ({} events searchable)", index.size());
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  private Map<TopicPartition, Long> assign() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : concat(INDEXED, REPLAYED)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos != null) {
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
    }
    consumer.assign(partitions);
    for (TopicPartition tp : partitions) {
      Long from = INDEXED.contains(tp.topic()) ? index.committedOffsets(tp.topic()).get(tp.partition()) : null;
      if (from == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, from);
      }
    }
    return consumer.endOffsets(partitions);
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(List<ConsumerRecord<String, byte[]>> batch) {
    Set<String> touched = new LinkedHashSet<>();
    List<AlertRecord> matches = new ArrayList<>();
    boolean indexed = false;
    Instant now = Instant.now();
    for (ConsumerRecord<String, byte[]> r : batch) {
      try {
        if (r.topic().equals(Topics.EVENTS.name()) || r.topic().equals(Topics.DUPLICATES.name())) {
          if (r.value() != null) {
            EventRecord event = Topics.EVENT_SERDE.decode(r.value());
            index.add(event, r.topic().equals(Topics.DUPLICATES.name()));
            touched.add(event.getStoryId() == null ? event.getId() : event.getStoryId());
          }
          indexed = true;
        } else if (r.topic().equals(Topics.STORIES.name())) {
          if (r.value() == null) {
            stories.remove(r.key());
          } else {
            StoryRecord story = Topics.STORY_SERDE.decode(r.value());
            stories.put(story, now);
            touched.add(story.getStoryId());
          }
        } else if (r.topic().equals(Topics.ALERT_RULES.name()) && r.key() != null) {
          rules.put(r.key(), r.value() == null ? null : Topics.ALERT_RULE_SERDE.decode(r.value()));
        } else if (r.topic().equals(Topics.ALERTS.name()) && r.value() != null) {
          AlertRecord alert = Topics.ALERT_SERDE.decode(r.value());
          rules.match(alert);
          matches.add(alert);
        }
      } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
        // the pipeline dead-letters what it cannot read; the web app skips it (a record it cannot show never
        // stops it from showing the rest)
        LOG.warn("web: skipped {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
      }
    }
    if (indexed) {
      Map<String, Map<Integer, Long>> offsets = new HashMap<>();
      for (TopicPartition tp : consumer.assignment()) {
        if (INDEXED.contains(tp.topic())) {
          offsets.computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp.partition(), consumer.position(tp));
        }
      }
      index.commit(offsets);
    }
    if (caughtUp) {
      try {
        touched.forEach(listener::story);
        matches.forEach(listener::match);
      } catch (RuntimeException e) {
        LOG.warn("web: live update not sent: {}", e.toString());
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
