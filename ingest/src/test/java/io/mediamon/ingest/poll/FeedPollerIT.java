package io.mediamon.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.FeedHealth;
import io.mediamon.schemas.FeedState;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The poller on a real broker: stopped mid-run and started again (new entries published in between), it
 * produces every entry exactly once: documents, health and state go out in one transaction per poll, and the
 * state read back at start says what was produced.
 */
class FeedPollerIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void shouldProduceEveryEntryOnceAcrossAStopMidRunAndARestart() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    AtomicInteger entriesPerFeed = new AtomicInteger(5);
    List<FeedSpec> feeds = new ArrayList<>();
    try (FeedServer server = new FeedServer()) {
      for (int f = 0; f < 10; f++) {
        int feed = f;
        server.routes.put("/feed/" + f + ".xml", r -> {
          String[] items = new String[entriesPerFeed.get()];
          for (int e = 0; e < items.length; e++) {
            items[e] = FeedServer.item("f" + feed + "e" + e, server.url("/a/" + feed + "/" + e), "Entry " + e, "Text " + e);
          }
          return new FeedServer.Response(200, Map.of("Content-Type", "application/rss+xml",
              "ETag", "\"" + items.length + "\""), FeedServer.rss("feed " + feed, items));
        });
        URI url = URI.create(server.url("/feed/" + f + ".xml"));
        feeds.add(new FeedSpec(url, FeedSpec.normalise(url), null, Duration.ofMinutes(15), Map.of(),
            FeedSpec.ArticleMode.NEVER, FeedSpec.guessKind(url)));
      }
      Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(),
          "ingest.allow.private.addresses", "true", "ingest.feeds.host.delay", "300ms",
          "ingest.feeds.transactional.id", "poller-it-" + System.nanoTime()));
      TopicProbe<String, RawDocument> raw = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.RAW);
      TopicProbe<String, FeedHealth> health = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.FEED_HEALTH);
      try (raw; health) {
        // 1. stopped after a few feeds: one host, 300 ms apart, so ten feeds take three seconds
        FeedPollerApp first = new FeedPollerApp(settings, feeds, new KafkaPollSink(settings));
        Thread loop = new Thread(() -> {
          try {
            first.poller().pollForever();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        loop.start();
        health.awaitUntil(h -> h.size() >= 3, Duration.ofSeconds(60));
        first.close();
        loop.join(60_000);
        first.closeSink();
        int polledBefore = health.drain(Duration.ofMillis(500)).size();
        assertThat(polledBefore).as("stopped mid-run").isBetween(3, 9);

        // 2. every feed gains an entry; a new poller reads the state back and polls them all
        entriesPerFeed.set(6);
        FeedPollerApp second = new FeedPollerApp(settings, feeds, new KafkaPollSink(settings));
        second.poller().pollOnce();
        second.closeSink();

        List<ConsumerRecord<String, RawDocument>> docs = raw.drain(Duration.ofSeconds(2));
        Map<String, Integer> copies = new HashMap<>();
        docs.forEach(r -> copies.merge(r.value().getTitle() + "@" + r.value().getOrigin().getFeedUrl(), 1, Integer::sum));
        assertThat(docs).hasSize(60);
        assertThat(copies).hasSize(60).allSatisfy((entry, n) -> assertThat(n).as(entry).isEqualTo(1));
        assertThat(health.drain(Duration.ofMillis(500))).hasSize(polledBefore + 10)
            .allSatisfy(h -> assertThat(h.value().getStatus()).isEqualTo("OK"));
      }
      Map<String, FeedState> latest = KafkaPollSink.readStates(settings);
      assertThat(latest).hasSize(10).allSatisfy((feed, s) -> {
        assertThat(s.getSeen()).hasSize(6);
        assertThat(s.getEtag()).isEqualTo("\"6\"");
      });
    }
  }
}
