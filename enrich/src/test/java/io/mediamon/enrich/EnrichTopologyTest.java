package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.enrich.dedup.DedupSettings;
import io.mediamon.enrich.extract.SeedDocument;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.PostRecord;
import io.mediamon.schemas.StoryCopy;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {
  private static EventAssembler assembler;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  private TestOutputTopic<String, EventRecord> events;
  private TestOutputTopic<String, EventRecord> duplicates;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private TestOutputTopic<String, PostRecord> posts;
  private TestOutputTopic<String, StoryRecord> stories;

  @BeforeAll
  static void loadModels() {
    assembler = EnrichApp.assembler(Settings.defaults(Map.of()), "test");
  }

  @Test
  void shouldNameEveryProcessorStoreAndTopic() {
    assertThat(io.mediamon.testsupport.TopologyNames.generated(EnrichTopology.build(assembler, new EnrichMetrics(), 1024,
        "test", new DedupSettings(0.6, 0.8, Duration.ofDays(7), true), Duration.ofDays(30)).describe())).isEmpty();
  }

  @BeforeEach
  void startDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(EnrichTopology.build(assembler, new EnrichMetrics(), 1024, "test",
        new DedupSettings(0.6, 0.8, Duration.ofDays(7), true), Duration.ofDays(30)), props);
    raw = driver.createInputTopic(Topics.RAW.name(), new StringSerializer(), new ByteArraySerializer());
    events = driver.createOutputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().deserializer(),
        Topics.EVENTS.valueSerde().deserializer());
    duplicates = driver.createOutputTopic(Topics.DUPLICATES.name(), Topics.DUPLICATES.keySerde().deserializer(),
        Topics.DUPLICATES.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(Topics.DLQ.name(), Topics.DLQ.keySerde().deserializer(),
        Topics.DLQ.valueSerde().deserializer());
    posts = driver.createOutputTopic(Topics.POSTS.name(), Topics.POSTS.keySerde().deserializer(),
        Topics.POSTS.valueSerde().deserializer());
    stories = driver.createOutputTopic(Topics.STORIES.name(), Topics.STORIES.keySerde().deserializer(),
        Topics.STORIES.valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  static RawDocument document(String id, String text, String url) {
    return RawDocument.newBuilder()
        .setId(id)
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder().setType(url == null ? OriginType.FILE : OriginType.PAGE)
            .setUri(url == null ? "file:///seeds/" + id + ".txt" : url).build())
        .setUrl(url)
        .setFetchedAt(Instant.parse("2023-12-06T12:00:00Z"))
        .setContentType("text/plain")
        .setCharset("UTF-8")
        .setBody(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private Instant clock = Instant.parse("2023-12-06T12:00:00Z");

  /** Sends a raw document one second after the previous one, as records arrive in a real topic. */
  private void send(RawDocument doc) {
    clock = clock.plusSeconds(1);
    raw.pipeInput(doc.getId(), Topics.RAW_DOCUMENT_SERDE.encode(doc), clock);
  }

  static String seedText() throws Exception {
    return Files.readString(SeedDocument.path());
  }

  @Test
  void shouldTurnTheSeedIntoOneCleanTaggedEvent() throws Exception {
    send(document("seed", seedText(), null));

    EventRecord event = events.readValue();
    assertThat(event.getId()).isEqualTo("seed");
    assertThat(event.getStoryId()).isEqualTo("seed");
    SeedExpectations.assertSeedEvent(event);
    assertThat(event.getDedup().getStatus()).isEqualTo(DedupStatus.FIRST);
    assertThat(event.getProvenance().getComponents()).containsKeys("extractor", "language", "enrich");
    assertThat(events.isEmpty()).isTrue();
    assertThat(duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldSendASecondCopyOfTheSameTextToDuplicates() throws Exception {
    send(document("seed", seedText(), null));
    send(document("seed-copy", "Menu principal\n\n" + seedText().replace("\n\n", "\n\n\n") + "\n\n© Autre Site 2023", null));
    send(document("seed", seedText(), null));

    assertThat(events.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("seed");
    var copies = duplicates.readValuesToList();
    assertThat(copies).extracting(EventRecord::getId).containsExactly("seed-copy", "seed");
    assertThat(copies).allSatisfy(copy -> {
      assertThat(copy.getDedup().getStatus()).isEqualTo(DedupStatus.DUPLICATE);
      assertThat(copy.getDedup().getDuplicateOf()).isEqualTo("seed");
      assertThat(copy.getDedup().getMethod()).isEqualTo("text_hash");
      assertThat(copy.getStoryId()).isEqualTo("seed");
    });
  }

  @Test
  void shouldFindACopyByCanonicalUrlWhenTheTextWasEdited() throws Exception {
    String text = seedText();
    send(document("a", text, "https://www.example.com/niger-russie/?utm_source=rss"));
    send(document("b", text.replace("Dans un geste diplomatique significatif", "Dans un geste diplomatique notable"),
        "https://example.com/niger-russie#top"));

    assertThat(events.readValuesToList()).extracting(EventRecord::getId).containsExactly("a");
    EventRecord copy = duplicates.readValue();
    assertThat(copy.getId()).isEqualTo("b");
    assertThat(copy.getDedup().getMethod()).isEqualTo("canonical_url");
    assertThat(copy.getCanonicalUrl()).isEqualTo("https://example.com/niger-russie");
  }

  @Test
  void shouldDeadLetterAPoisonRecordAndKeepGoing() throws Exception {
    raw.pipeInput("poison", "these bytes are not avro".getBytes(StandardCharsets.UTF_8), clock);
    send(document("seed", seedText(), null));

    DeadLetter dead = deadLetters.readValue();
    assertThat(dead.getOriginTopic()).isEqualTo(Topics.RAW.name());
    assertThat(dead.getOriginKey()).isEqualTo("poison");
    assertThat(dead.getOriginOffset()).isEqualTo(0);
    assertThat(dead.getStage()).isEqualTo("enrich.decode");
    assertThat(dead.getErrorMessage()).contains("not a RawDocument record");
    assertThat(StandardCharsets.UTF_8.decode(dead.getPayload()).toString()).isEqualTo("these bytes are not avro");
    assertThat(events.readValue().getId()).isEqualTo("seed");
  }

  @Test
  void shouldDeadLetterADocumentWithoutTextAndABinaryOne() {
    send(document("empty", "   \n\n  ", null));
    RawDocument binary = document("binary", "", null);
    binary.setBody(ByteBuffer.wrap(new byte[] {0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00}));
    send(binary);

    var dead = deadLetters.readValuesToList();
    assertThat(dead).extracting(DeadLetter::getOriginKey).containsExactly("empty", "binary");
    assertThat(dead).extracting(DeadLetter::getStage).containsOnly("enrich.assemble");
    assertThat(dead.get(0).getErrorMessage()).contains("no main text");
    assertThat(dead.get(1).getErrorMessage()).contains("binary content");
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void shouldKeepOneRecordPerCitedPostWithItsCitingEventsAndOutlets() throws Exception {
    String text = seedText();
    send(document("seed", text, "https://lomeactu.example/niger-russie"));
    RawDocument other = document("other", text.replace("Dans un geste diplomatique significatif",
        "Dans un geste diplomatique remarqué"), "https://www.autre-site.example/article/42");
    other.getOrigin().setSiteName("Autre Site");
    send(other);
    send(document("seed", text, "https://lomeactu.example/niger-russie"));

    var latest = posts.readKeyValuesToMap();
    assertThat(latest).containsOnlyKeys("x:1731688181177708622");
    PostRecord post = latest.get("x:1731688181177708622");
    assertThat(post.getAuthor()).isEqualTo("AESinfos");
    assertThat(post.getPostedAt()).isEqualTo(Instant.parse("2023-12-04T14:53:30Z"));
    assertThat(post.getFirstEventId()).isEqualTo("seed");
    assertThat(post.getCitingEvents()).containsExactly("seed", "other");
    assertThat(post.getCitationCount()).as("the re-delivered seed does not count twice").isEqualTo(2);
    assertThat(post.getOutlets()).containsExactly("Lomé Actu", "Autre Site");
    assertThat(post.getOutletCount()).isEqualTo(2);
  }

  @Test
  void shouldForgetAPostNotCitedForItsRetentionWindow() throws Exception {
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));
    clock = clock.plus(Duration.ofDays(20));
    RawDocument citing = document("citing-20-days-later", "Une autre affaire, une autre semaine.\n\n"
        + seedText().substring(seedText().indexOf("Niamey, 06")), "https://autre-site.example/a");
    citing.getOrigin().setSiteName("Autre Site");
    send(citing);
    clock = clock.plus(Duration.ofDays(31));
    send(document("unrelated-51-days-later", "Le conseil municipal a voté le budget de la ville ce lundi soir, "
        + "après une longue séance consacrée aux écoles, aux routes et au marché couvert du centre.", null));

    var postStore = driver.<String, PostRecord>getTimestampedKeyValueStore(EnrichTopology.POSTS_STORE);
    assertThat(postStore.get("x:1731688181177708622"))
        .as("cited twenty days after its first citation: remembered, then idle for 31 days: forgotten").isNull();
    PostRecord published = posts.readKeyValuesToMap().get("x:1731688181177708622");
    assertThat(published.getCitationCount()).as("media.posts keeps its last record").isEqualTo(2);
    assertThat(published.getCitingEvents()).containsExactly("seed", "citing-20-days-later");
  }

  static String syndicatedCopy(String seed) {
    // another outlet: its own menu and footer, another headline, two sentences edited, the read-more gone
    return "Accueil | Afrique | Politique\n\nLa Russie renforce sa présence au Niger\n\n"
        + seed.substring(seed.indexOf("Niamey, 06"), seed.indexOf("https://x.com"))
            .replace("Dans un geste diplomatique significatif", "Dans un geste diplomatique remarqué")
            .replace("Le nouvel accord pourrait également impliquer le déploiement d’instructeurs russes.",
                "L’accord pourrait aussi prévoir l’envoi d’instructeurs russes.")
        + "\n\n© 2023 Sahel Hebdo – Tous droits réservés";
  }

  @Test
  void shouldFindASyndicatedCopyWithOtherChromeHeadlineAndEditsAsANearDuplicate() throws Exception {
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));
    send(document("copy", syndicatedCopy(seedText()), "https://sahelhebdo.example/2023/12/russie-niger"));

    assertThat(events.readValuesToList()).extracting(EventRecord::getId).containsExactly("seed");
    EventRecord copy = duplicates.readValue();
    assertThat(copy.getId()).isEqualTo("copy");
    assertThat(copy.getTitle()).isEqualTo("La Russie renforce sa présence au Niger");
    assertThat(copy.getDedup().getMethod()).isEqualTo("minhash");
    assertThat(copy.getDedup().getDuplicateOf()).isEqualTo("seed");
    assertThat(copy.getStoryId()).isEqualTo("seed");
    assertThat(copy.getDedup().getSimilarity()).isBetween(0.6, 1.0);
  }

  @Test
  void shouldKeepAnUnrelatedArticleOnTheSameTopicAsItsOwnStory() throws Exception {
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));
    String other = "Bamako, 7 décembre 2023 (AFP) – Le gouvernement malien a annoncé jeudi la fin de la mission "
        + "des Nations unies dans le pays, après dix ans de présence. Les derniers casques bleus quitteront les bases "
        + "du nord du Mali d'ici à la fin du mois, selon un communiqué lu à la télévision nationale. La junte au pouvoir "
        + "depuis 2020 a multiplié les rapprochements avec Moscou et les partenaires russes, tandis que les relations "
        + "avec la France et l'Union européenne se sont dégradées. Les autorités affirment que l'armée malienne "
        + "assurera seule la sécurité des populations dans les régions concernées, malgré les attaques répétées.";
    send(document("other", "Le Mali tourne la page de la Minusma\n\n" + other, "https://exemple-ml.example/minusma"));

    assertThat(events.readValuesToList()).extracting(EventRecord::getId).containsExactly("seed", "other");
    assertThat(duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldPointACopyOfACopyToTheFirstStory() throws Exception {
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));
    String copy = syndicatedCopy(seedText());
    send(document("copy", copy, "https://sahelhebdo.example/2023/12/russie-niger"));
    send(document("copy2", copy.replace("avec un préavis de six mois", "avec un délai de six mois"),
        "https://troisieme.example/niger"));

    assertThat(duplicates.readValuesToList()).extracting(EventRecord::getStoryId).containsExactly("seed", "seed");
  }

  @Test
  void shouldCountAStorysCopiesSourcesAndLags() throws Exception {
    RawDocument seed = document("seed", seedText(), "https://lomeactu.example/niger-russie");
    RawDocument copy = document("copy", syndicatedCopy(seedText()), "https://sahelhebdo.example/2023/12/russie-niger");
    copy.getOrigin().setSiteName("Sahel Hebdo");
    copy.setFetchedAt(seed.getFetchedAt().plusSeconds(90));
    send(seed);
    send(copy);
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));

    StoryRecord story = stories.readKeyValuesToMap().get("seed");
    assertThat(story.getTitle()).isEqualTo("Niger : La Russie s’installe après le départ forcé de la France");
    assertThat(story.getFirstPublisher()).isEqualTo("Lomé Actu");
    assertThat(story.getFirstSeenAt()).isEqualTo(seed.getFetchedAt());
    assertThat(story.getArticleCount()).as("the re-delivered seed is not a new copy").isEqualTo(2);
    assertThat(story.getSourceCount()).isEqualTo(2);
    assertThat(story.getSources()).containsExactly("Lomé Actu", "Sahel Hebdo");
    assertThat(story.getCopies()).extracting(StoryCopy::getEventId, StoryCopy::getLagMs, StoryCopy::getMethod)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("seed", 0L, null),
            org.assertj.core.groups.Tuple.tuple("copy", 90_000L, "minhash"));
  }

  @Test
  void shouldForgetAStoryAfterTheRetentionWindow() throws Exception {
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));
    clock = clock.plus(Duration.ofDays(3));
    send(document("copy-3-days-later", syndicatedCopy(seedText()), "https://sahelhebdo.example/a"));
    clock = clock.plus(Duration.ofDays(8));
    send(document("copy-11-days-later", syndicatedCopy(seedText()), "https://sahelhebdo.example/b"));

    assertThat(duplicates.readValuesToList()).extracting(EventRecord::getId).containsExactly("copy-3-days-later");
    assertThat(events.readValuesToList()).extracting(EventRecord::getId).containsExactly("seed", "copy-11-days-later");
    assertThat(driver.getTimestampedKeyValueStore(EnrichTopology.TEXT_HASH_STORE).approximateNumEntries())
        .as("the seed's and the first copy's keys were swept out").isEqualTo(1);
    var storyStore = driver.<String, StoryRecord>getTimestampedKeyValueStore(EnrichTopology.STORIES_STORE);
    assertThat(storyStore.get("seed")).as("idle for more than the window: forgotten by the store").isNull();
    assertThat(storyStore.get("copy-11-days-later")).isNotNull();
    Map<String, StoryRecord> published = stories.readKeyValuesToMap();
    assertThat(published.get("seed").getArticleCount()).as("but not by media.stories").isEqualTo(2);
  }

  @Test
  void shouldJudgeADocumentThatArrivesLongAfterLaterOnes() throws Exception {
    // after downtime, enrich's tasks work through their backlogs side by side, so a document can reach the verdict
    // step an hour of event time behind the others: it must still come out, judged
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));
    clock = clock.minus(Duration.ofHours(1));
    send(document("copy-an-hour-behind", syndicatedCopy(seedText()), "https://sahelhebdo.example/a"));

    assertThat(events.readValuesToList()).extracting(EventRecord::getId).containsExactly("seed");
    assertThat(duplicates.readValuesToList()).extracting(EventRecord::getId).containsExactly("copy-an-hour-behind");
  }

  @Test
  void shouldKeepNoPendingEventOrVerdictOnceJudged() throws Exception {
    send(document("seed", seedText(), "https://lomeactu.example/niger-russie"));
    send(document("copy", syndicatedCopy(seedText()), "https://sahelhebdo.example/a"));

    assertThat(duplicates.readValuesToList()).hasSize(1);
    for (String store : List.of(EnrichTopology.NEAR_DUP_PENDING_STORE, EnrichTopology.NEAR_DUP_VOTE_STORE)) {
      try (var entries = driver.getKeyValueStore(store).all()) {
        assertThat(entries.hasNext()).as("%s is empty", store).isFalse();
      }
    }
  }
}
