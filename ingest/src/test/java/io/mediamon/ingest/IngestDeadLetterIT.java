package io.mediamon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs never stop ingest: each becomes a dead letter with its reason and origin, and good inputs still go. */
class IngestDeadLetterIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void shouldDeadLetterAnOversizeFileAndAMalformedFeedAndProduceTheRest(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.txt");
    Files.write(big, new byte[2048]);
    Path broken = dir.resolve("broken.xml");
    Files.writeString(broken, "<rss version=\"2.0\"><channel><title>cut off");
    Path good = dir.resolve("good.txt");
    Files.writeString(good, "Un titre\n\nUn texte qui arrive bien jusqu'au bout du pipeline, sans encombre aucun.");
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "ingest.max.body.bytes", "1KB"));

    try (TopicProbe<String, DeadLetter> dlq = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DLQ);
        TopicProbe<String, RawDocument> raw = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.RAW);
        IngestApp ingest = new IngestApp(settings)) {
      IngestReport report = ingest.ingest(List.of(big.toString(), broken.toString(), good.toString(),
          dir.resolve("missing.txt").toString()));

      assertThat(report.documentIds()).hasSize(1);
      assertThat(report.deadLetters()).hasSize(3);
      List<DeadLetter> letters = dlq.awaitUntil(seen -> seen.size() >= 3, Duration.ofSeconds(60)).stream()
          .map(ConsumerRecord::value).toList();
      assertThat(letters).extracting(DeadLetter::getStage)
          .containsExactly("ingest.size", "ingest.parse-feed", "ingest.read");
      assertThat(letters.get(0).getErrorMessage()).contains("big.txt", "over the cap of 1024");
      assertThat(letters.get(1).getOriginTopic()).endsWith("broken.xml");
      assertThat(StandardCharsets.UTF_8.decode(letters.get(1).getPayload()).toString()).startsWith("<rss version");
      assertThat(letters.get(2).getErrorMessage()).contains("no such file");
      assertThat(raw.awaitUntil(seen -> !seen.isEmpty(), Duration.ofSeconds(60)).get(0).key())
          .isEqualTo(report.documentIds().get(0));
    }
  }

  @Test
  void shouldDeadLetterADocumentTheClusterRefusesAndProduceTheRest(@TempDir Path dir) throws Exception {
    // under the body cap, but with its metadata over the largest record the topic takes
    Path near = dir.resolve("near-the-limit.txt");
    Files.write(near, "a".repeat(Topics.MAX_RECORD_BYTES - 60).getBytes(StandardCharsets.US_ASCII));
    Path good = dir.resolve("good.txt");
    Files.writeString(good, "Un titre\n\nUn texte qui arrive bien jusqu'au bout du pipeline, sans encombre aucun.");
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "ingest.max.body.bytes", "10MB"));

    try (TopicProbe<String, DeadLetter> dlq = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DLQ);
        IngestApp ingest = new IngestApp(settings)) {
      IngestReport report = ingest.ingest(List.of(near.toString(), good.toString()));

      assertThat(report.documentIds()).hasSize(1);
      assertThat(report.deadLetters()).singleElement().asString().endsWith("near-the-limit.txt");
      DeadLetter letter = dlq.awaitUntil(seen -> !seen.isEmpty(), Duration.ofSeconds(60)).get(0).value();
      assertThat(letter.getStage()).isEqualTo("ingest.size");
      assertThat(letter.getErrorMessage()).contains("the cluster refused", "near-the-limit.txt");
    }
  }

  @Test
  void shouldRefuseABodyCapOverTheLargestRecordAtStart() {
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "ingest.max.body.bytes", "32MB"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IngestApp(settings).close())
        .isInstanceOf(io.mediamon.common.ConfigException.class)
        .hasMessageContaining("ingest.max.body.bytes")
        .hasMessageContaining("over the largest record media.raw takes");
  }
}
