package io.mediamon.enrich;

import io.mediamon.common.Settings;
import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.DedupSettings;
import io.mediamon.enrich.tag.LanguageIdentifier;
import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.NearDupBand;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Tags;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The dedup stage of the enrich topology (exact and near-duplicate dedup, stories, verdicts) under exactly-once in a
 * TopologyTestDriver, fed with ready events a minute apart: for tests of what dedup decides about given texts.
 */
final class DedupStageDriver implements AutoCloseable {
  private static final String INPUT = "test.dedup-events";
  private static LanguageIdentifier languages;
  final TopologyTestDriver driver;
  final TestOutputTopic<String, EventRecord> events;
  final TestOutputTopic<String, EventRecord> duplicates;
  final TestOutputTopic<String, StoryRecord> stories;
  private final TestInputTopic<String, EventRecord> input;
  private Instant clock = Instant.parse("2026-11-24T08:00:00Z");

  DedupStageDriver(String applicationId) {
    this(applicationId, true);
  }

  /** @param crossLanguage {@code enrich.dedup.translations} */
  DedupStageDriver(String applicationId, boolean crossLanguage) {
    this(applicationId, crossLanguage, languages()::throughout);
  }

  /** @param throughout whether a text is in a language all through, as enrich asks before comparing languages */
  DedupStageDriver(String applicationId, boolean crossLanguage, BiPredicate<String, String> throughout) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, EventRecord> in = builder.stream(INPUT, Consumed.with(Serdes.String(), Topics.EVENT_SERDE));
    Duration retention = Duration.ofDays(7);
    KStream<String, EventRecord> judged =
        EnrichTopology.dedup(builder, in, new DedupSettings(0.6, 0.8, retention, crossLanguage), throughout);
    EnrichTopology.stories(builder, judged, retention);
    EnrichTopology.verdicts(judged, new EnrichMetrics());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props);
    input = driver.createInputTopic(INPUT, Serdes.String().serializer(), Topics.EVENT_SERDE.serializer());
    events = driver.createOutputTopic(Topics.EVENTS.name(), Serdes.String().deserializer(),
        Topics.EVENT_SERDE.deserializer());
    duplicates = driver.createOutputTopic(Topics.DUPLICATES.name(), Serdes.String().deserializer(),
        Topics.EVENT_SERDE.deserializer());
    stories = driver.createOutputTopic(Topics.STORIES.name(), Serdes.String().deserializer(),
        Topics.STORY_SERDE.deserializer());
  }

  /** An event a minute after the previous one, its own story's first copy as far as ingest knows. */
  void send(String id, String text, String language, String url) {
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

  /** Lingua over the default languages, loaded once for all tests: its models are large. */
  static synchronized LanguageIdentifier languages() {
    if (languages == null) {
      languages = EnrichApp.languages(Settings.defaults(Map.of()));
    }
    return languages;
  }

  /** Buckets of the band store that anchor bands keyed (band numbers from {@link CrossLanguageSigner#FIRST_BAND}). */
  long anchorBuckets() {
    KeyValueStore<Bytes, NearDupBand> store = driver.getKeyValueStore(EnrichTopology.NEAR_DUP_BAND_STORE);
    long anchors = 0;
    try (KeyValueIterator<Bytes, NearDupBand> all = store.all()) {
      while (all.hasNext()) {
        anchors += all.next().key.get()[0] >= CrossLanguageSigner.FIRST_BAND ? 1 : 0;
      }
    }
    return anchors;
  }

  /** Ids of the events judged first copies so far (read once). */
  List<String> firstCopies() {
    return events.readKeyValuesToList().stream().map(kv -> kv.key).toList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
