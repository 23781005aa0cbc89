package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
}
