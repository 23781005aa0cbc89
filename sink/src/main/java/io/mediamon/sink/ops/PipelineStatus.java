package io.mediamon.sink.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.FeedHealth;
import io.mediamon.schemas.Topic;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What an operator watches, read from Kafka itself: records and rate per topic (end offsets sampled twice), lag of
 * every mediamon consumer group on its input topics and, for the Streams applications, on their repartition topics
 * (committed offsets against end offsets), dead letters by stage
 * and origin over a look-back window, and feed health (the latest record per feed in the window: status counts,
 * stale and failing feeds). Nothing is kept between calls: a snapshot is a few Admin calls and two bounded reads.
 */
public final class PipelineStatus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Settings settings;
  private final Admin admin;

  public PipelineStatus(Settings settings, Admin admin) {
    this.settings = settings;
    this.admin = admin;
  }

  /** The consumer groups of the pipeline and the topics each reads. */
  Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new TreeMap<>();
    // enrich's group id is enrich's key: known where enrich is (the command line, a deployment), absent in the sink
    // module alone
    String enrich = settings.optional("enrich.application.id");
    if (enrich != null) {
      groups.put(enrich, List.of(Topics.RAW.name(), Topics.NEAR_DUP_REPOINTS.name()));
    }
    groups.put(settings.string("sink.group.id"), List.of(Topics.EVENTS.name(), Topics.DUPLICATES.name(),
        Topics.STORIES.name(), Topics.POSTS.name()));
    groups.put(settings.string("sink.alerts.application.id"), List.of(Topics.EVENTS.name(), Topics.STORIES.name()));
    groups.put(settings.string("sink.alerts.webhook.group.id"), List.of(Topics.ALERTS.name()));
    return groups;
  }

  /** One snapshot; {@code sample} is how long to wait between the two end-offset readings that give rates. */
  public ObjectNode snapshot(Duration sample, Duration window) throws Exception {
    Instant now = Instant.now();
    List<TopicPartition> partitions = partitions();
    Map<TopicPartition, Long> first = ends(partitions);
    Thread.sleep(sample.toMillis());
    Map<TopicPartition, Long> ends = ends(partitions);
    double seconds = Math.max(0.001, sample.toMillis() / 1000.0);

    ObjectNode out = JSON.createObjectNode();
    out.put("at", Instant.now().toString());
    ObjectNode topics = out.putObject("topics");
    for (Topic<?, ?> topic : Topics.ALL) {
      long end = 0;
      long before = 0;
      for (TopicPartition tp : partitions) {
        if (tp.topic().equals(topic.name())) {
          end += ends.getOrDefault(tp, 0L);
          before += first.getOrDefault(tp, 0L);
        }
      }
      ObjectNode t = topics.putObject(topic.name());
      t.put("end_offset", end);
      t.put("per_second", Math.round((end - before) / seconds * 10) / 10.0);
    }
    ObjectNode lags = out.putObject("consumer_lag");
    for (Map.Entry<String, List<String>> g : groups().entrySet()) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.getKey())
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      ObjectNode group = lags.putObject(g.getKey());
      for (String topic : g.getValue()) {
        long lag = 0;
        boolean any = false;
        for (TopicPartition tp : partitions) {
          if (tp.topic().equals(topic)) {
            OffsetAndMetadata c = committed.get(tp);
            if (c != null) {
              any = true;
            }
            lag += Math.max(0, ends.getOrDefault(tp, 0L) - (c == null ? 0 : c.offset()));
          }
        }
        group.put(topic, any ? lag : -1);
      }
      internalLags(g.getKey(), committed, group);
    }
    Instant since = now.minus(window);
    ObjectNode dlq = out.putObject("dead_letters");
    dlq.put("since", since.toString());
    Map<String, Integer> byStage = new TreeMap<>();
    Map<String, Integer> byOrigin = new TreeMap<>();
    Map<String, DeadLetter> latestByStage = new TreeMap<>();
    int[] count = {0};
    read(Topics.DLQ, since, ends, r -> {
      DeadLetter d = Topics.DEAD_LETTER_SERDE.decode(r.value());
      count[0]++;
      byStage.merge(d.getStage(), 1, Integer::sum);
      latestByStage.put(d.getStage(), d);
      byOrigin.merge(d.getOriginTopic().startsWith("media.") ? d.getOriginTopic() : "input", 1, Integer::sum);
    });
    dlq.put("count", count[0]);
    dlq.set("by_stage", JSON.valueToTree(byStage));
    dlq.set("by_origin", JSON.valueToTree(byOrigin));
    ObjectNode latestReasons = dlq.putObject("latest_by_stage");
    latestByStage.forEach((stage, d) -> latestReasons.putObject(stage).put("reason", d.getErrorMessage())
        .put("at", d.getFailedAt() == null ? null : d.getFailedAt().toString())
        .put("origin", d.getOriginTopic().startsWith("media.") ? d.getOriginTopic() + "/" + d.getOriginKey()
            : d.getOriginTopic()));

    Map<String, FeedHealth> latest = new HashMap<>();
    read(Topics.FEED_HEALTH, since, ends, r -> {
      FeedHealth h = Topics.FEED_HEALTH_SERDE.decode(r.value());
      latest.put(h.getFeedUrl(), h);
    });
    ObjectNode feeds = out.putObject("feeds");
    feeds.put("since", since.toString());
    feeds.put("polled", latest.size());
    Map<String, Integer> byStatus = new TreeMap<>();
    ArrayNode failing = JSON.createArrayNode();
    int stale = 0;
    for (FeedHealth h : latest.values()) {
      byStatus.merge(h.getStatus(), 1, Integer::sum);
      if (h.getStale()) {
        stale++;
      }
      if (h.getConsecutiveFailures() > 0) {
        failing.addObject().put("feed", h.getFeedUrl()).put("status", h.getStatus())
            .put("failures", h.getConsecutiveFailures()).put("error", h.getErrorMessage());
      }
    }
    feeds.set("by_status", JSON.valueToTree(byStatus));
    feeds.put("stale", stale);
    feeds.set("failing", failing);
    return out;
  }

  /**
   * A Streams application (enrich, alerts) also reads the repartition topics it writes, named after it: their lags
   * say which of its stages a backlog waits in (the LSH bands, the votes, the stories), where its input's lag says
   * only that it is behind.
   */
  private void internalLags(String group, Map<TopicPartition, OffsetAndMetadata> committed, ObjectNode out)
      throws Exception {
    List<TopicPartition> internal = committed.keySet().stream()
        .filter(tp -> tp.topic().startsWith(group + "-")).toList();
    if (internal.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> ends = ends(internal);
    Map<String, Long> lags = new TreeMap<>();
    for (TopicPartition tp : internal) {
      OffsetAndMetadata c = committed.get(tp);
      lags.merge(tp.topic(), Math.max(0, ends.getOrDefault(tp, 0L) - (c == null ? 0 : c.offset())), Long::sum);
    }
    lags.forEach(out::put);
  }

  private List<TopicPartition> partitions() throws InterruptedException, ExecutionException, TimeoutException {
    List<String> names = Topics.ALL.stream().map(Topic::name).toList();
    Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    List<TopicPartition> partitions = new ArrayList<>();
    described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
    return partitions;
  }

  private Map<TopicPartition, Long> ends(List<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
        : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
      ends.put(e.getKey(), e.getValue().offset());
    }
    return ends;
  }

  /** Reads a topic's committed records from {@code since} up to the given end offsets. */
  private void read(Topic<?, ?> topic, Instant since, Map<TopicPartition, Long> ends,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Map<String, Object> props = KafkaClients.base(settings, "mediamon-status");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> tps = ends.keySet().stream().filter(tp -> tp.topic().equals(topic.name())).toList();
      consumer.assign(tps);
      Map<TopicPartition, Long> times = new HashMap<>();
      tps.forEach(tp -> times.put(tp, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
      for (TopicPartition tp : tps) {
        OffsetAndTimestamp start = starts.get(tp);
        consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
      }
      Instant deadline = Instant.now().plusSeconds(30);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition())) && r.value() != null) {
            try {
              each.accept(r);
            } catch (RuntimeException e) {
              // a record this version cannot read is not a reason to hide the rest
            }
          }
        }
      }
    }
  }
}
