package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.enrich.dedup.NearDupVerdictProcessor;
import io.mediamon.enrich.extract.PlainTextExtractor;
import io.mediamon.enrich.extract.SeedDocument;
import io.mediamon.ingest.IngestApp;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Near-duplicates on a real broker: the band and vote repartition topics, the verdict join and the story record,
 * end to end.
 */
class NearDuplicateIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @TempDir Path stateDir;
  private Settings settings;
  private EnrichApp enrich;

  @BeforeEach
  void start() {
    settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "enrich.application.id", "near-dup-it"));
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    enrich = new EnrichApp(settings, stateDir);
    enrich.start();
  }

  @AfterEach
  void stop() {
    enrich.close();
  }

  private String ingest(Path file) {
    try (IngestApp ingest = new IngestApp(settings)) {
      return ingest.ingest(List.of(file.toString())).documentIds().get(0);
    }
  }

  @Test
  void shouldSendASyndicatedCopyWithOtherChromeToDuplicatesAsACopyOfTheSeed(@TempDir Path inputs) throws Exception {
    Path copy = inputs.resolve("copy.txt");
    Files.writeString(copy, EnrichTopologyTest.syndicatedCopy(EnrichTopologyTest.seedText()));
    try (TopicProbe<String, EventRecord> events = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.EVENTS);
        TopicProbe<String, EventRecord> duplicates = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DUPLICATES);
        TopicProbe<String, StoryRecord> stories = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.STORIES)) {
      String seedId = ingest(SeedDocument.path());
      events.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(seedId)), WAIT);
      String copyId = ingest(copy);

      EventRecord dup = duplicates.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(copyId)), WAIT)
          .stream().filter(r -> r.key().equals(copyId)).findFirst().orElseThrow().value();
      assertThat(dup.getDedup().getMethod()).isEqualTo("minhash");
      assertThat(dup.getDedup().getDuplicateOf()).isEqualTo(seedId);
      assertThat(dup.getStoryId()).isEqualTo(seedId);
      assertThat(events.drain(Duration.ofSeconds(2))).extracting(ConsumerRecord::key).containsExactly(seedId);
      StoryRecord story = stories.awaitUntil(seen -> seen.stream()
          .anyMatch(r -> r.key().equals(seedId) && r.value().getArticleCount() == 2), WAIT).stream()
          .filter(r -> r.key().equals(seedId)).reduce((a, b) -> b).orElseThrow().value();
      assertThat(story.getCopies()).extracting(c -> c.getEventId()).containsExactly(seedId, copyId);
      assertThat(story.getFirstPublisher()).isEqualTo("Lomé Actu");
    }
  }

  /**
   * Kafka Streams creates the changelogs with the topology's topic settings: segments that roll, so the log cleaner
   * can compact away the older versions of band buckets, stories and posts, and the deleted entries of documents in
   * flight.
   */
  @Test
  void shouldCreateDedupChangelogsWhoseSegmentsRollForTheLogCleaner() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()))) {
      List<String> retainedStores = List.of(EnrichTopology.NEAR_DUP_BAND_STORE, EnrichTopology.TEXT_HASH_STORE,
          EnrichTopology.URL_STORE, EnrichTopology.STORIES_STORE, EnrichTopology.POSTS_STORE);
      Map<String, Config> configs = changelogConfigs(admin, Stream.concat(retainedStores.stream(),
          Stream.of(EnrichTopology.NEAR_DUP_PENDING_STORE)).toArray(String[]::new));
      for (String retained : retainedStores) {
        EnrichTopology.RETAINED_CHANGELOG.forEach((name, value) ->
            assertThat(configs.get(retained).get(name).value()).as(retained + " " + name).isEqualTo(value));
        assertThat(configs.get(retained).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(retained)
            .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      }
      EnrichTopology.IN_FLIGHT_CHANGELOG.forEach((name, value) ->
          assertThat(configs.get(EnrichTopology.NEAR_DUP_PENDING_STORE).get(name).value()).as(name).isEqualTo(value));
    }
  }

  /** The changelogs' configurations, once Kafka Streams has created them (on its first assignment). */
  private static Map<String, Config> changelogConfigs(Admin admin, String... stores) throws Exception {
    Map<ConfigResource, String> byTopic = new HashMap<>();
    for (String store : stores) {
      byTopic.put(new ConfigResource(ConfigResource.Type.TOPIC, "near-dup-it-" + store + "-changelog"), store);
    }
    List<String> topics = byTopic.keySet().stream().map(ConfigResource::name).toList();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(topics)) {
      assertThat(System.nanoTime()).as("changelogs created within %s", WAIT).isLessThan(deadline);
      Thread.sleep(200);
    }
    Map<String, Config> byStore = new HashMap<>();
    admin.describeConfigs(byTopic.keySet()).all().get(30, TimeUnit.SECONDS)
        .forEach((topic, config) -> byStore.put(byTopic.get(topic), config));
    return byStore;
  }

  /**
   * The re-point cycle on a real broker: enrich writes media.near-dup-repoints and reads it back into its band stage,
   * under exactly-once. The copy of the copy shares no band with the first copy (NearDupRepointTest.Texts checks
   * that on the texts as extracted), so only a re-pointed member can lead it to the first copy's story.
   */
  @Test
  void shouldJoinACopyOfACopyToTheFirstStoryThroughTheRepointTopic(@TempDir Path inputs) throws Exception {
    PlainTextExtractor extractor = new PlainTextExtractor();
    NearDupRepointTest.Texts texts = NearDupRepointTest.Texts.find(t -> extractor.extract(t, null, null).text());
    Path first = Files.writeString(inputs.resolve("first.txt"), texts.first());
    Path copy = Files.writeString(inputs.resolve("copy.txt"), texts.copy());
    Path copyOfCopy = Files.writeString(inputs.resolve("copy-of-copy.txt"), texts.copyOfCopy());
    try (TopicProbe<String, EventRecord> events = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.EVENTS);
        TopicProbe<String, EventRecord> duplicates = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DUPLICATES);
        TopicProbe<org.apache.kafka.common.utils.Bytes, io.mediamon.schemas.NearDupRepoint> repoints =
            TopicProbe.atEnd(KAFKA.bootstrap(), Topics.NEAR_DUP_REPOINTS)) {
      String firstId = ingest(first);
      events.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(firstId)), WAIT);
      String copyId = ingest(copy);
      duplicates.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(copyId)), WAIT);
      // the band stage reads its two inputs in timestamp order, so once the re-point is committed it is applied
      // before any later probe
      repoints.awaitUntil(seen -> seen.stream().anyMatch(r -> r.value().getMember().equals(copyId)), WAIT);
      String copyOfCopyId = ingest(copyOfCopy);

      EventRecord dup = duplicates.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(copyOfCopyId)), WAIT)
          .stream().filter(r -> r.key().equals(copyOfCopyId)).findFirst().orElseThrow().value();
      assertThat(dup.getStoryId()).isEqualTo(firstId);
      assertThat(dup.getDedup().getDuplicateOf()).isEqualTo(firstId);
    }
  }

  /**
   * A translation through the whole pipeline: ingested as a file, its language identified (Spanish, the original
   * English), and found by the anchor bands, under exactly-once on the broker.
   */
  @Test
  void shouldSendATranslationToDuplicatesAsACrossLanguageCopy(@TempDir Path inputs) throws Exception {
    Path original = Files.writeString(inputs.resolve("original.txt"), CrossLanguageDedupTest.text("volkswagen.en.txt"));
    Path translation = Files.writeString(inputs.resolve("traduccion.txt"),
        CrossLanguageDedupTest.text("volkswagen.es.txt"));
    try (TopicProbe<String, EventRecord> events = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.EVENTS);
        TopicProbe<String, EventRecord> duplicates = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DUPLICATES)) {
      String originalId = ingest(original);
      events.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(originalId)), WAIT);
      String translationId = ingest(translation);

      EventRecord dup = duplicates.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(translationId)), WAIT)
          .stream().filter(r -> r.key().equals(translationId)).findFirst().orElseThrow().value();
      assertThat(dup.getLanguage()).isEqualTo("es");
      assertThat(dup.getDedup().getMethod()).isEqualTo(NearDupVerdictProcessor.CROSS_LANGUAGE);
      assertThat(dup.getDedup().getDuplicateOf()).isEqualTo(originalId);
    }
  }
}
