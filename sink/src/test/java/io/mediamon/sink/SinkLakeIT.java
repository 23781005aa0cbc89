package io.mediamon.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.lake.LakeFiles;
import io.mediamon.sink.lake.LakeReader;
import io.mediamon.sink.lake.LakeSchema;
import io.mediamon.sink.lake.LakeTable;
import io.mediamon.sink.lake.LakeWriter;
import io.mediamon.sink.lake.LakeWriterTest;
import io.mediamon.sink.lake.PartFileWriter;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake sink on a real broker: every record lands in the lake exactly once, read back with the Parquet reader,
 * across a sink killed mid-file (a separate JVM, SIGKILL) and a sink that died between renaming a file and
 * committing its offsets.
 */
class SinkLakeIT {
  private static final String[] LANGS = {"fr", "en", "de", null};
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @TempDir Path lake;

  @Test
  void shouldWriteEveryRecordOnceAcrossAKillMidFileAndACrashBetweenRenameAndCommit() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    String group = "sink-it-" + System.nanoTime();
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "sink.group.id", group,
        "sink.poll.timeout", "100ms", "sink.lake.roll.interval", "300ms"));

    TopicProbe<String, DeadLetter> deadLetters = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.DLQ);
    produce(0, 40);
    produceStory("s1", 1);
    produceStory("s1", 3);
    produceJunk();

    // 1. a sink in its own JVM that never rolls: it is killed with its files half-written and nothing committed
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SinkProcess.class.getName(), KAFKA.bootstrap(), group,
        lake.toString()).redirectErrorStream(true).redirectOutput(lake.resolveSibling(lake.getFileName() + "-child.log").toFile())
        .start();
    try {
      await(() -> inProgress() > 0, "the child sink opens its files");
      Thread.sleep(500);
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(inProgress()).as("the kill left half-written files").isPositive();
    assertThat(LakeFiles.parts(lake.resolve("events"))).as("nothing was rolled").isEmpty();
    assertThat(committed(group)).isEmpty();

    // 2. a sink that replays from the group's (absent) offsets
    produce(40, 60);
    runSinkUntil(settings, () -> ids().size() >= 60);
    assertThat(inProgress()).isZero();
    assertThat(ids()).hasSize(60).doesNotHaveDuplicates();

    // 3. a sink that renamed its next file into place but died before committing it
    List<RecordMetadata> next = produce(60, 80);
    RecordMetadata crashed = next.get(0);
    LakeWriter<EventRecord> dead = new LakeWriter<>(lake, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT,
        LakeWriter.Roll.DEFAULT);
    dead.append(crashed.partition(), crashed.offset(), 0, LakeWriterTest.event("e60", "2023-12-06T08:00:00Z", "fr"),
        Instant.now());
    dead.roll(crashed.partition());
    assertThat(ids()).hasSize(61);
    runSinkUntil(settings, () -> committedTotal(group) >= 80 + 2 + 1);

    List<String> ids = ids();
    assertThat(ids).hasSize(80).doesNotHaveDuplicates();
    List<GenericRecord> stories = LakeReader.readTable(lake, LakeTable.STORIES);
    assertThat(stories).extracting(r -> r.get("article_count")).containsExactlyInAnyOrder(1, 3);
    assertThat(Files.isDirectory(lake.resolve("stories/dt=2023-12-06/lang=und"))).isTrue();
    try (deadLetters) {
      assertThat(deadLetters.awaitUntil(r -> !r.isEmpty(), Duration.ofSeconds(30))).anySatisfy(r -> {
        assertThat(r.value().getOriginTopic()).isEqualTo(Topics.EVENTS.name());
        assertThat(r.value().getStage()).isEqualTo("sink.decode");
      });
    }
  }

  @Test
  void shouldRollWhenCaughtUpWhenAskedAndOnlyThen() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    String suffix = String.valueOf(System.nanoTime());
    try (KafkaProducer<String, EventRecord> producer = new KafkaProducer<>(producerProps(),
        Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "idle-" + suffix + "-" + i,
            LakeWriterTest.event("idle-" + suffix + "-" + i, "2023-12-06T08:00:00Z", "fr"))).get();
      }
    }
    List<String> expected = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "idle-" + suffix + "-" + i).toList();

    // rolling only by the interval (an hour), a sink that has read everything shows nothing yet
    Settings byInterval = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "sink.group.id",
        "sink-interval-" + suffix, "sink.poll.timeout", "100ms", "sink.lake.roll.interval", "1h"));
    SinkApp patient = new SinkApp(byInterval, lake);
    Thread loop = new Thread(patient::run, "sink-interval");
    loop.start();
    try {
      await(() -> inProgress() > 0, "the sink opens its files");
      Thread.sleep(2000);
      assertThat(LakeFiles.parts(lake.resolve("events"))).as("nothing rolled before the interval").isEmpty();
    } finally {
      patient.close();
      loop.join(30_000);
    }

    // rolling when idle, the rows are in as soon as the sink has caught up, an hour before the interval
    Path idleLake = lake.resolve("idle");
    Settings whenIdle = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "sink.group.id",
        "sink-idle-" + suffix, "sink.poll.timeout", "100ms", "sink.lake.roll.interval", "1h",
        "sink.lake.roll.when.idle", "true"));
    SinkApp eager = new SinkApp(whenIdle, idleLake);
    Thread idleLoop = new Thread(eager::run, "sink-idle");
    idleLoop.start();
    try {
      await(() -> LakeReader.readTable(idleLake, LakeTable.EVENTS).stream().map(r -> r.get("id").toString())
          .toList().containsAll(expected), "the idle sink's rows are in the lake");
    } finally {
      eager.close();
      idleLoop.join(30_000);
    }
  }

  private void runSinkUntil(Settings settings, BooleanSupplier done) throws Exception {
    SinkApp sink = new SinkApp(settings, lake);
    Thread loop = new Thread(sink::run, "sink-it");
    loop.start();
    try {
      await(done, "the sink catches up");
      Thread.sleep(1000); // let a duplicate, if the sink wrote one, show up before we count
    } finally {
      sink.close();
      loop.join(30_000);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private List<RecordMetadata> produce(int from, int to) throws Exception {
    List<RecordMetadata> sent = new ArrayList<>();
    try (KafkaProducer<String, EventRecord> producer = new KafkaProducer<>(producerProps(),
        Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
      for (int i = from; i < to; i++) {
        String day = "2023-12-0" + (1 + i % 3) + "T08:00:00Z";
        // from 60 on, one partition, so the crashed file above holds exactly the next record
        Integer partition = i >= 60 ? 1 : null;
        sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS.name(), partition, "e" + i,
            LakeWriterTest.event("e" + i, day, LANGS[i % LANGS.length]))).get());
      }
    }
    return sent;
  }

  private void produceStory(String id, int articles) throws Exception {
    try (KafkaProducer<String, StoryRecord> producer = new KafkaProducer<>(producerProps(),
        Topics.STORIES.keySerde().serializer(), Topics.STORIES.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.STORIES.name(), id, StoryRecord.newBuilder().setStoryId(id)
          .setFirstSeenAt(Instant.parse("2023-12-06T08:00:00Z")).setArticleCount(articles).setSourceCount(articles)
          .build())).get();
    }
  }

  private void produceJunk() throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "junk", new byte[] {1, 2, 3})).get();
    }
  }

  private Map<String, Object> producerProps() {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
  }

  private Map<?, ?> committed(String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    }
  }

  private long committedTotal(String group) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .entrySet().stream().filter(e -> !e.getKey().topic().equals(Topics.DUPLICATES.name()))
          .mapToLong(e -> e.getValue().offset()).sum();
    } catch (Exception e) {
      return -1;
    }
  }

  private List<String> ids() {
    return LakeReader.readTable(lake, LakeTable.EVENTS).stream().map(r -> r.get("id").toString()).toList();
  }

  private long inProgress() {
    try (Stream<Path> files = Files.walk(lake)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".inprogress")).count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

}
