package io.mediamon.sink.web;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.StoryCopy;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.TagEvidence;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.alert.QueryTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the web app is shown in its tests, as enrich would publish it: the seed's event, a copy by another outlet
 * three minutes later (a near-duplicate), their story, and a story whose title and link are hostile. Ids carry a run
 * suffix, so the shared test broker's other records do not interfere.
 */
final class WebFixture {
  final String run;
  final String seedId;
  final String copyId;
  final String hostileId;
  /** A word only this run's seed and copy contain. */
  final String word;

  WebFixture() {
    this.run = Long.toString(System.nanoTime(), 36);
    this.seedId = "seed-" + run;
    this.copyId = "copy-" + run;
    this.hostileId = "hostile-" + run;
    this.word = "zorglub" + run;
  }

  void publish(String bootstrap) throws Exception {
    Instant t0 = Instant.parse("2023-12-06T08:00:00Z");
    EventRecord seed = QueryTest.seedLike();
    seed.setId(seedId);
    seed.setStoryId(seedId);
    seed.setUrl("https://lomeactu.example/niger-" + run);
    seed.setPublishedAt(t0);
    seed.setText(seed.getText() + " " + word);
    seed.getTags().setEvidence(List.of(TagEvidence.newBuilder().setType("country").setValue("NE").setSurface("Niger")
        .setOffset(0).setCount(2).setRule("country-name").build()));
    EventRecord copy = QueryTest.seedLike();
    copy.setId(copyId);
    copy.setStoryId(seedId);
    copy.setUrl("https://actuniger.example/niger-" + run);
    copy.setSource(Source.newBuilder().setSiteName("ActuNiger").build());
    copy.setPublishedAt(t0.plusSeconds(180));
    copy.setText(copy.getText() + " " + word);
    EventRecord hostile = QueryTest.seedLike();
    hostile.setId(hostileId);
    hostile.setStoryId(hostileId);
    hostile.setTitle("<script>alert('title')</script><img src=x onerror=alert(1)> " + run);
    hostile.setUrl("javascript:alert('url')");
    hostile.setSource(Source.newBuilder().setSiteName("<b>Evil outlet</b>").build());
    hostile.setPublishedAt(t0.plusSeconds(60));
    StoryRecord story = StoryRecord.newBuilder().setStoryId(seedId).setTitle(seed.getTitle())
        .setFirstPublisher("Lomé Actu").setFirstSeenAt(t0).setArticleCount(2).setSourceCount(2)
        .setSources(List.of("Lomé Actu", "ActuNiger"))
        .setCopies(List.of(StoryCopy.newBuilder().setEventId(seedId).setSource("Lomé Actu").setLagMs(0).build(),
            StoryCopy.newBuilder().setEventId(copyId).setSource("ActuNiger").setLagMs(180_000).setMethod("near")
                .setSimilarity(0.87).build()))
        .build();
    StoryRecord hostileStory = StoryRecord.newBuilder().setStoryId(hostileId).setTitle(hostile.getTitle())
        .setFirstPublisher("<b>Evil outlet</b>").setFirstSeenAt(t0.plusSeconds(60)).setArticleCount(1)
        .setSourceCount(1).setSources(List.of("<b>Evil outlet</b>")).setCopies(List.of()).build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.EVENTS.name(), seedId, Topics.EVENT_SERDE.encode(seed))).get();
      producer.send(new ProducerRecord<>(Topics.DUPLICATES.name(), copyId, Topics.EVENT_SERDE.encode(copy))).get();
      producer.send(new ProducerRecord<>(Topics.EVENTS.name(), hostileId, Topics.EVENT_SERDE.encode(hostile))).get();
      producer.send(new ProducerRecord<>(Topics.STORIES.name(), seedId, Topics.STORY_SERDE.encode(story))).get();
      producer.send(new ProducerRecord<>(Topics.STORIES.name(), hostileId, Topics.STORY_SERDE.encode(hostileStory)))
          .get();
    }
  }

  /** One more story, for what arrives while a page is open. */
  void publishStory(String bootstrap, String id, String title) throws Exception {
    EventRecord event = QueryTest.seedLike();
    event.setId(id);
    event.setStoryId(id);
    event.setTitle(title);
    event.setPublishedAt(Instant.now());
    StoryRecord story = StoryRecord.newBuilder().setStoryId(id).setTitle(title).setFirstPublisher("Lomé Actu")
        .setFirstSeenAt(Instant.now()).setArticleCount(1).setSourceCount(1).setSources(List.of("Lomé Actu"))
        .setCopies(List.of()).build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.EVENTS.name(), id, Topics.EVENT_SERDE.encode(event))).get();
      producer.send(new ProducerRecord<>(Topics.STORIES.name(), id, Topics.STORY_SERDE.encode(story))).get();
    }
  }
}
