package io.mediamon.bench;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The enrich topology under exactly-once v2 on a real (embedded KRaft) broker: N plain-text documents built from
 * the Scrapinghub articles' paragraphs (a random mix per document, a third of each paragraph's words shuffled, one
 * in ten a copy of an earlier one with other chrome) go in; the figures are documents per second until every one
 * is judged (FIRST or DUPLICATE), how many of the copies were found, and the state dedup keeps per document: local
 * stores (RocksDB) plus their changelog topics on the broker. Documents say they were fetched 500 ms apart (story
 * lags); their record time, which dedup's window counts in, is when they were produced, so none is evicted.
 * {@link DedupStepBench} runs the dedup step alone, on ready events, at a million documents.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.DedupBench [-Dbench.args=1000000]</pre>
 */
public final class DedupBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    List<String> paragraphs = SyndicatedDocuments.paragraphs();
    try (BenchBroker broker = BenchBroker.start("mediamon-dedup-bench")) {
      Settings settings = Settings.load(null, System.getenv(), Map.of("kafka.bootstrap", broker.bootstrap()));
      TopicAdmin.ensureTopics(broker.bootstrap(), Topics.ALL);
      Map<String, String> copies = produce(broker.bootstrap(), n, paragraphs, new Random(42));
      EnrichApp enrich = new EnrichApp(settings, broker.dir("streams"));
      long start = System.nanoTime();
      enrich.start();
      long judged = 0;
      long lastReport = start;
      while ((judged = enrich.metrics().events() + enrich.metrics().duplicates() + enrich.metrics().deadLetters()) < n) {
        Thread.sleep(200);
        if (System.nanoTime() - lastReport > 30e9) {
          lastReport = System.nanoTime();
          System.out.printf(Locale.ROOT, "  %d / %d judged, %.0f docs/s%n", judged, n, judged / ((lastReport - start) / 1e9));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "enrich with EOS: %d documents in %.1f s: %.0f documents/s (%d events, %d duplicates, "
          + "%d dead letters); start-up and group join included%n", n, seconds, n / seconds, enrich.metrics().events(),
          enrich.metrics().duplicates(), enrich.metrics().deadLetters());
      enrich.close();
      DedupReport.pairs(broker.bootstrap(), copies, enrich.metrics().duplicates());
      DedupReport.repoints(broker.bootstrap());
      DedupReport.state(broker.bootstrap(), broker.dir("streams"), settings.string("enrich.application.id"), n);
    }
  }

  /** Produces the documents to media.raw; returns each copy's id with the id of the document it copies. */
  private static Map<String, String> produce(String bootstrap, int n, List<String> paragraphs, Random random)
      throws Exception {
    BenchProducer sent = new BenchProducer();
    Map<String, String> copies;
    try (KafkaProducer<String, RawDocument> producer = new KafkaProducer<>(BenchProducer.config(bootstrap),
        Topics.RAW.keySerde().serializer(), Topics.RAW.valueSerde().serializer())) {
      copies = SyndicatedDocuments.generate(n, paragraphs, random, (i, id, text) ->
          producer.send(new ProducerRecord<>(Topics.RAW.name(), id, RawDocument.newBuilder().setId(id)
              .setKind(DocumentKind.ARTICLE)
              .setOrigin(Origin.newBuilder().setType(OriginType.FILE).setUri("file:///bench/" + i + ".txt").build())
              .setFetchedAt(Instant.parse("2024-05-01T10:00:00Z").plusMillis(500L * i))
              .setContentType("text/plain").setCharset("UTF-8")
              .setBody(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))).build()), sent));
    }
    sent.check();
    return copies;
  }
}
