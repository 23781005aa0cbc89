package io.mediamon.bench;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.EnrichMetrics;
import io.mediamon.enrich.EnrichTopology;
import io.mediamon.enrich.dedup.DedupSettings;
import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.Tags;
import io.mediamon.schemas.Topic;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The dedup step alone, under exactly-once v2 on a real (embedded KRaft) broker: the same syndicated documents as
 * {@link DedupBench}, but produced as ready event records (text, no tags), so that extraction, language and tagging
 * (which set {@link DedupBench}'s pace) are not run. Through enrich's own dedup stage (exact text hash and URL,
 * near-duplicate bands and votes, the verdict join) and story clusters, to media.events, media.duplicates and
 * media.stories. Prints documents per second, the copies found, and the state kept per document by store.
 * Documents are 500 ms apart in event time, ending now, so a million of them (5.8 days) all sit inside the default
 * 7-day dedup window and none is evicted: the state is that of a full window.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.DedupStepBench -Dbench.args=1000000</pre>
 */
public final class DedupStepBench {
  private static final String APPLICATION_ID = "mediamon-dedup-bench";
  /** Ready events, as enrich's assembler would hand them to dedup; as many partitions as media.raw. */
  private static final Topic<String, EventRecord> INPUT = new Topic<>("bench.dedup-events", Serdes.String(),
      Topics.EVENT_SERDE, Topics.RAW.partitions(), false, Topics.MAX_RECORD_BYTES, "dedup bench input");

  /**
   * Whether a text is in its language throughout, as enrich asks before the anchor bands. With the environment
   * variable {@code BENCH_LANGUAGE_CHECK=false} every document passes without Lingua: the anchor bands' state is then
   * an upper bound, and the speed leaves out Lingua's two samples per document, which the whole-topology bench
   * includes.
   */
  private static BiPredicate<String, String> languageCheck(Settings settings) {
    if ("false".equals(System.getenv("BENCH_LANGUAGE_CHECK"))) {
      System.out.println("language check off: every document goes to the anchor bands");
      return (text, language) -> true;
    }
    return EnrichApp.languages(settings)::throughout;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    List<String> paragraphs = SyndicatedDocuments.paragraphs();
    try (BenchBroker broker = BenchBroker.start("mediamon-dedup-step-bench")) {
      Settings settings = Settings.load(null, System.getenv(), Map.of("kafka.bootstrap", broker.bootstrap(),
          "enrich.application.id", APPLICATION_ID));
      List<Topic<?, ?>> topics = new ArrayList<>(Topics.ALL);
      topics.add(INPUT);
      TopicAdmin.ensureTopics(broker.bootstrap(), topics);
      long produceStart = System.nanoTime();
      Map<String, String> copies = produce(broker.bootstrap(), n, paragraphs, new Random(42));
      System.out.printf(Locale.ROOT, "produced %d events in %.1f s%n", n, (System.nanoTime() - produceStart) / 1e9);

      EnrichMetrics metrics = new EnrichMetrics();
      StreamsBuilder builder = new StreamsBuilder();
      KStream<String, EventRecord> events = builder.stream(INPUT.name(),
          Consumed.with(INPUT.keySerde(), INPUT.valueSerde()).withName("bench-events-source"));
      KStream<String, EventRecord> judged = EnrichTopology.dedup(builder, events, DedupSettings.from(settings),
          languageCheck(settings));
      EnrichTopology.stories(builder, judged, settings.duration("enrich.dedup.retention"));
      EnrichTopology.verdicts(judged, metrics);
      KafkaStreams streams = new KafkaStreams(builder.build(), EnrichApp.streamsConfig(settings, broker.dir("streams")));
      long start = System.nanoTime();
      streams.start();
      long lastReport = start;
      long judgedCount;
      while ((judgedCount = metrics.events() + metrics.duplicates()) < n) {
        Thread.sleep(200);
        if (streams.state() == KafkaStreams.State.ERROR) {
          throw new IllegalStateException("the streams application failed");
        }
        if (System.nanoTime() - lastReport > 60e9) {
          lastReport = System.nanoTime();
          System.out.printf(Locale.ROOT, "  %d / %d judged, %.0f docs/s%n", judgedCount, n,
              judgedCount / ((lastReport - start) / 1e9));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "dedup step with EOS: %d documents in %.1f s: %.0f documents/s (%d events, %d "
          + "duplicates); start-up and group join included%n", n, seconds, n / seconds, metrics.events(),
          metrics.duplicates());
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(60)));
      DedupReport.pairs(broker.bootstrap(), copies, metrics.duplicates());
      DedupReport.repoints(broker.bootstrap());
      DedupReport.state(broker.bootstrap(), broker.dir("streams"), APPLICATION_ID, n);
    }
  }

  /** Produces the documents as events; returns each copy's id with the id of the document it copies. */
  private static Map<String, String> produce(String bootstrap, int n, List<String> paragraphs, Random random)
      throws Exception {
    // event time ends about now: the broker's time-based retention would delete older batches
    long first = Instant.now().toEpochMilli() - 500L * n;
    BenchProducer sent = new BenchProducer();
    Map<String, String> copies;
    try (KafkaProducer<String, EventRecord> producer = new KafkaProducer<>(BenchProducer.config(bootstrap),
        INPUT.keySerde().serializer(), INPUT.valueSerde().serializer())) {
      copies = SyndicatedDocuments.generate(n, paragraphs, random, (i, id, text) -> {
        long timestamp = first + 500L * i;
        producer.send(new ProducerRecord<>(INPUT.name(), null, timestamp, id, EventRecord.newBuilder()
            .setId(id)
            .setStoryId(id)
            .setSource(Source.newBuilder().setOrigin(SyndicatedDocuments.url(i)).build())
            .setCanonicalUrl(SyndicatedDocuments.url(i))
            .setLanguage("en") // as enrich would identify it: the anchor bands store every document too
            .setText(text)
            .setTags(Tags.newBuilder().build())
            .setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
            .setProvenance(Provenance.newBuilder().setIngestedAt(Instant.ofEpochMilli(timestamp)).build())
            .build()), sent);
      });
    }
    sent.check();
    return copies;
  }
}
