package io.mediamon.common;

import io.mediamon.schemas.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalogue's topics that do not exist yet, with their partitions and cleanup policy. */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
  private static final int MAX_REPLICATION = 3;

  private TopicAdmin() {}

  /**
   * Waits until every partition of new topics has a leader. A topic is created before its partitions are led, and a
   * producer that writes in between gets NOT_LEADER_OR_FOLLOWER; an idempotent one has then been seen (Kafka 4.3.1,
   * a benchmark's input) to loop on OUT_OF_ORDER_SEQUENCE_NUMBER for good.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        boolean led = admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS).values().stream()
            .flatMap(d -> d.partitions().stream())
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (led) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        // created, but not in the metadata the broker answers from yet
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("partitions of " + names + " have no leader after 60 s");
      }
      Thread.sleep(100);
    }
  }

  /** Creates missing topics, and waits for their partitions' leaders; replication is the broker count, at most three. */
  public static void ensureTopics(String bootstrap, Collection<Topic<?, ?>> topics) {
    ensureTopics(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topics);
  }

  /** As {@link #ensureTopics(String, Collection)}, with an Admin client of these properties. */
  public static void ensureTopics(Map<String, Object> adminProperties, Collection<Topic<?, ?>> topics) {
    Object bootstrap = adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    try (Admin admin = Admin.create(adminProperties)) {
      int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
      short replication = (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(new NewTopic(topic.name(), topic.partitions(), replication).configs(topic.configs()));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(60, TimeUnit.SECONDS);
          LOG.info("created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
