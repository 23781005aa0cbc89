package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.ingest.IngestApp;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrich scales by partitions: two instances sharing the four partitions of media.raw judge the same documents
 * exactly as one instance does, and an instance restarted on its state directory keeps judging correctly.
 */
class ScaleOutIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @TempDir Path dir;

  /** The documents, in the order they are ingested, by name. */
  private static Map<String, String> scenario() throws Exception {
    String seed = EnrichTopologyTest.seedText();
    String copy = EnrichTopologyTest.syndicatedCopy(seed);
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("seed", seed);
    docs.put("copy", copy);
    docs.put("unrelated", "Une tout autre nouvelle\n\n" + ("Le conseil municipal de Dakar a voté mardi le budget "
        + "de la ville pour l'année prochaine, avec une hausse des dépenses consacrées aux écoles et aux routes. ")
        .repeat(5));
    docs.put("copy-of-copy", copy.replace("avec un préavis de six mois", "avec un délai de six mois"));
    return docs;
  }

  @Test
  void shouldJudgeTheSameWithTwoInstancesAsWithOneAndAfterARestart() throws Exception {
    Map<String, String> one = run("single", 1, dir.resolve("one"));
    assertThat(one).containsExactly(
        Map.entry("seed", "FIRST of seed"),
        Map.entry("copy", "DUPLICATE of seed"),
        Map.entry("unrelated", "FIRST of unrelated"),
        Map.entry("copy-of-copy", "DUPLICATE of seed"));

    recreateTopics();
    Map<String, String> two = run("double", 2, dir.resolve("two"));
    assertThat(two).isEqualTo(one);
  }

  /** Runs the scenario on {@code instances} enrich instances; returns each document's verdict by name. */
  private Map<String, String> run(String appId, int instances, Path work) throws Exception {
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "enrich.application.id", appId));
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    List<EnrichApp> apps = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      apps.add(start(settings, work.resolve("state-" + i)));
    }
    awaitRunning(apps);
    Map<String, String> verdicts = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    try (TopicProbe<String, EventRecord> events = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.EVENTS);
        TopicProbe<String, EventRecord> duplicates = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DUPLICATES)) {
      for (Map.Entry<String, String> doc : scenario().entrySet()) {
        String id = ingest(settings, work, doc.getKey(), doc.getValue());
        names.put(id, doc.getKey());
        EventRecord judged = awaitVerdict(id, events, duplicates);
        verdicts.put(doc.getKey(), judged.getDedup().getStatus() + " of " + names.get(judged.getStoryId()));
      }
      if (instances > 1) {
        // restart one instance on its state directory, then one more copy of the story
        apps.get(0).close();
        apps.set(0, start(settings, work.resolve("state-0")));
        awaitRunning(apps);
        String id = ingest(settings, work, "late-copy", scenario().get("copy").replace("remarqué", "notable"));
        EventRecord judged = awaitVerdict(id, events, duplicates);
        assertThat(judged.getStoryId()).as("after a restart").isEqualTo(names.entrySet().stream()
            .filter(e -> e.getValue().equals("seed")).findFirst().orElseThrow().getKey());
      }
    } finally {
      apps.forEach(EnrichApp::close);
    }
    return verdicts;
  }

  private static EnrichApp start(Settings settings, Path state) {
    EnrichApp app = new EnrichApp(settings, state);
    app.start();
    return app;
  }

  private static void awaitRunning(List<EnrichApp> apps) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!apps.stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING)) {
      assertThat(Instant.now()).as("instances running").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static String ingest(Settings settings, Path work, String name, String text) throws Exception {
    Files.createDirectories(work);
    Path file = work.resolve(name + ".txt");
    Files.writeString(file, text);
    try (IngestApp ingest = new IngestApp(settings)) {
      return ingest.ingest(List.of(file.toString())).documentIds().get(0);
    }
  }

  private static EventRecord awaitVerdict(String id, TopicProbe<String, EventRecord> events,
      TopicProbe<String, EventRecord> duplicates) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      for (TopicProbe<String, EventRecord> probe : List.of(events, duplicates)) {
        for (ConsumerRecord<String, EventRecord> r : probe.drain(Duration.ofMillis(300))) {
          if (r.key().equals(id)) {
            return r.value();
          }
        }
      }
    }
    throw new AssertionError("no verdict for " + id + " within " + WAIT);
  }

  /** A second run must not see the first run's records: delete every topic and create the catalogue again. */
  private static void recreateTopics() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      Instant deadline = Instant.now().plus(WAIT);
      while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(topics::contains).collect(Collectors.toSet()).isEmpty()) {
        assertThat(Instant.now()).as("topics deleted").isBefore(deadline);
        Thread.sleep(200);
      }
    }
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
  }
}
