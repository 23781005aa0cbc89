package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.enrich.dedup.NearDupVerdictProcessor;
import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.Tags;
import io.mediamon.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Copies in another language, through the dedup stage: real articles and their machine translations. */
class CrossLanguageDedupTest {
  private static final String INPUT = "test.dedup-events";
  private TopologyTestDriver driver;
  private TestInputTopic<String, EventRecord> input;
  private TestOutputTopic<String, EventRecord> events;
  private TestOutputTopic<String, EventRecord> duplicates;
  private Instant clock = Instant.parse("2026-11-24T08:00:00Z");

  @BeforeEach
  void startDriver() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, EventRecord> in = builder.stream(INPUT, Consumed.with(Serdes.String(), Topics.EVENT_SERDE));
    EnrichTopology.verdicts(EnrichTopology.dedup(builder, in, 0.6, 0.8, Duration.ofDays(7)), new EnrichMetrics());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cross-language-dedup-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props);
    input = driver.createInputTopic(INPUT, Serdes.String().serializer(), Topics.EVENT_SERDE.serializer());
    events = driver.createOutputTopic(Topics.EVENTS.name(), Serdes.String().deserializer(),
        Topics.EVENT_SERDE.deserializer());
    duplicates = driver.createOutputTopic(Topics.DUPLICATES.name(), Serdes.String().deserializer(),
        Topics.EVENT_SERDE.deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldJudgeATranslationADuplicateOfItsOriginal() throws IOException {
    send("00000000000000e1", text("volkswagen.en.txt"), "en", "https://www.slashgear.com/vw-id-space-vizzion");
    send("00000000000000e2", text("volkswagen.es.txt"), "es", "https://www.example.es/vw-id-space-vizzion");

    assertThat(firstCopies()).containsExactly("00000000000000e1");
    List<EventRecord> copies = duplicates.readValuesToList();
    assertThat(copies).extracting(EventRecord::getId).containsExactly("00000000000000e2");
    Dedup verdict = copies.get(0).getDedup();
    assertThat(verdict.getDuplicateOf()).isEqualTo("00000000000000e1");
    assertThat(verdict.getMethod()).isEqualTo(NearDupVerdictProcessor.CROSS_LANGUAGE);
    assertThat(verdict.getSimilarity()).isBetween(0.15, 1.0);
  }

  @Test
  void shouldKeepAnotherOutletsReportOfTheSameFindingInAnotherLanguageApart() throws IOException {
    send("00000000000000f1", text("europa-space.en.txt"), "en", "https://www.space.com/europa-water-vapor");
    send("00000000000000f2", text("europa-sciencealert.es.txt"), "es", "https://www.example.es/europa-agua");

    assertThat(firstCopies()).containsExactly("00000000000000f1", "00000000000000f2");
    assertThat(duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldNotCompareAnchorsWithinOneLanguage() throws IOException {
    // the original and its translation, both labelled Spanish: anchors are only compared across languages, and
    // the words of the two texts are not copies
    send("00000000000000a1", text("volkswagen.en.txt"), "es", "https://www.slashgear.com/vw-id-space-vizzion");
    send("00000000000000a2", text("volkswagen.es.txt"), "es", "https://www.example.es/vw-id-space-vizzion");

    assertThat(firstCopies()).containsExactly("00000000000000a1", "00000000000000a2");
  }

  @Test
  void shouldLeaveTextsOfUnknownLanguageToTheWordSignature() throws IOException {
    send("00000000000000b1", text("volkswagen.en.txt"), null, "https://www.slashgear.com/vw-id-space-vizzion");
    send("00000000000000b2", text("volkswagen.es.txt"), null, "https://www.example.es/vw-id-space-vizzion");

    assertThat(firstCopies()).containsExactly("00000000000000b1", "00000000000000b2");
  }

  private List<String> firstCopies() {
    return events.readKeyValuesToList().stream().map(kv -> kv.key).toList();
  }

  private void send(String id, String text, String language, String url) {
    clock = clock.plusSeconds(60);
    input.pipeInput(id, EventRecord.newBuilder()
        .setId(id)
        .setStoryId(id)
        .setSource(Source.newBuilder().setOrigin(url).build())
        .setCanonicalUrl(url)
        .setLanguage(language)
        .setText(text)
        .setTags(Tags.newBuilder().build())
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
        .setProvenance(Provenance.newBuilder().setIngestedAt(clock).build())
        .build(), clock);
  }

  private static String text(String name) throws IOException {
    try (InputStream in = CrossLanguageDedupTest.class.getResourceAsStream("/cross-language/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
