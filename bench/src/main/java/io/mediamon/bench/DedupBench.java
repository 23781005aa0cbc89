package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.app.broker.EmbeddedKafkaBroker;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The enrich topology under exactly-once v2 on a real (embedded KRaft) broker: N plain-text documents built from
 * the Scrapinghub articles' paragraphs (a random mix per document, a third of each paragraph's words shuffled, one
 * in ten a copy of an earlier one with other chrome) go in; the figures are documents per second until every one
 * is judged (FIRST or DUPLICATE), how many of the copies were found, and the state dedup keeps per document: local
 * stores (RocksDB) plus their changelog topics on the broker. Documents are 500 ms apart in event time, so a million
 * of them (5.8 days) all sit inside the default 7-day dedup window.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.DedupBench [-Dbench.args=1000000]</pre>
 */
public final class DedupBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    List<String> paragraphs = new ArrayList<>();
    JsonNode truth = new ObjectMapper().readTree(
        Corpora.root().resolve("article-extraction-scrapinghub/ground-truth.json").toFile());
    truth.forEach(page -> {
      for (String p : page.get("articleBody").asText().split("\n+")) {
        if (p.split(" ").length >= 12) {
          paragraphs.add(p.strip());
        }
      }
    });
    Path dir = Files.createTempDirectory("mediamon-dedup-bench");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port)) {
      Settings settings = Settings.defaults(Map.of("kafka.bootstrap", broker.bootstrap()));
      TopicAdmin.ensureTopics(broker.bootstrap(), Topics.ALL);
      Map<String, String> copies = produce(broker.bootstrap(), n, paragraphs, new Random(42));
      EnrichApp enrich = new EnrichApp(settings, dir.resolve("streams"));
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
      java.util.Set<String> flagged = duplicateIds(broker.bootstrap(), enrich.metrics().duplicates());
      // a pair is found when either document is judged the other's duplicate: partitions are processed side by side,
      // so a copy can reach the dedup stores before its original and become the story's first copy
      long found = copies.entrySet().stream().filter(c -> flagged.contains(c.getKey()) || flagged.contains(c.getValue()))
          .count();
      long copyFlagged = copies.keySet().stream().filter(flagged::contains).count();
      java.util.Set<String> inPairs = new java.util.HashSet<>(copies.keySet());
      inPairs.addAll(copies.values());
      long outside = flagged.stream().filter(id -> !inPairs.contains(id)).count();
      System.out.printf(Locale.ROOT, "copies produced %d: pairs found %d (recall %.3f; in %d the later copy is the "
          + "duplicate, in %d the earlier); documents outside any pair judged DUPLICATE: %d%n", copies.size(), found,
          (double) found / copies.size(), copyFlagged, found - copyFlagged, outside);
      long local = size(dir.resolve("streams"));
      Map<String, Long> changelogByStore = changelogBytes(broker.bootstrap());
      long changelogs = changelogByStore.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Long> localByStore = new java.util.TreeMap<>();
      Path streams = dir.resolve("streams");
      try (Stream<Path> files = Files.walk(streams)) {
        // <state dir>/<application>/<task>/rocksdb/<store>/... for key-value stores, <task>/<store>/<segment> for
        // window stores; files directly in a task directory (checkpoints, locks) are "(other)"
        files.filter(Files::isRegularFile).forEach(f -> {
          Path rel = streams.relativize(f);
          String store = "(other)";
          if (rel.getNameCount() > 4 && rel.getName(2).toString().equals("rocksdb")) {
            store = rel.getName(3).toString();
          } else if (rel.getNameCount() > 3) {
            store = rel.getName(2).toString();
          }
          localByStore.merge(store, f.toFile().length(), Long::sum);
        });
      }
      java.util.Set<String> stores = new java.util.TreeSet<>(localByStore.keySet());
      stores.addAll(changelogByStore.keySet());
      for (String store : stores) {
        long l = localByStore.getOrDefault(store, 0L);
        long c = changelogByStore.getOrDefault(store, 0L);
        System.out.printf(Locale.ROOT, "  %-36s local %7.1f MB, changelog %7.1f MB: %6.0f bytes per document%n", store,
            l / 1e6, c / 1e6, (double) (l + c) / n);
      }
      System.out.printf(Locale.ROOT, "state after %d documents: local stores %.1f MB, changelogs %.1f MB: %.0f bytes per "
          + "document (%.0f local + %.0f changelog)%n", n, local / 1e6, changelogs / 1e6, (double) (local + changelogs) / n,
          (double) local / n, (double) changelogs / n);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Produces the documents; returns each copy's id with the id of the document it copies. */
  private static Map<String, String> produce(String bootstrap, int n, List<String> paragraphs, Random random)
      throws Exception {
    Map<String, String> copies = new java.util.HashMap<>();
    List<String> texts = new ArrayList<>();
    List<String> textIds = new ArrayList<>();
    try (KafkaProducer<String, RawDocument> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"),
        Topics.RAW.keySerde().serializer(), Topics.RAW.valueSerde().serializer())) {
      for (int i = 0; i < n; i++) {
        String text;
        if (i > 100 && random.nextInt(10) == 0) {
          int original = random.nextInt(texts.size());
          text = "Home | World | Politics\n\n" + texts.get(original) + "\n\nShare this article\n\n© 2024 Another Outlet";
          copies.put("bench-" + i, textIds.get(original));
        } else {
          StringBuilder sb = new StringBuilder("Story number " + i + "\n\n");
          int paras = 4 + random.nextInt(5);
          for (int p = 0; p < paras; p++) {
            sb.append(mutate(paragraphs.get(random.nextInt(paragraphs.size())), random)).append("\n\n");
          }
          text = sb.toString();
          if (texts.size() < 20_000) {
            texts.add(text);
            textIds.add("bench-" + i);
          } else {
            int slot = random.nextInt(texts.size());
            texts.set(slot, text);
            textIds.set(slot, "bench-" + i);
          }
        }
        String id = "bench-" + i;
        producer.send(new ProducerRecord<>(Topics.RAW.name(), id, RawDocument.newBuilder().setId(id)
            .setKind(DocumentKind.ARTICLE)
            .setOrigin(Origin.newBuilder().setType(OriginType.FILE).setUri("file:///bench/" + i + ".txt").build())
            .setFetchedAt(Instant.parse("2024-05-01T10:00:00Z").plusMillis(500L * i))
            .setContentType("text/plain").setCharset("UTF-8")
            .setBody(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))).build()));
      }
    }
    return copies;
  }

  /**
   * A pool paragraph with about a third of its words swapped for other words of it: the pool is a few thousand
   * paragraphs, and without this, tens of thousands of documents drawn from it would overlap far more than
   * distinct articles do (and fill LSH buckets with partial copies).
   */
  private static String mutate(String paragraph, Random random) {
    String[] words = paragraph.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (random.nextInt(3) == 0) {
        words[i] = words[random.nextInt(words.length)];
      }
    }
    return String.join(" ", words);
  }

  /** The ids on media.duplicates (read-committed), until {@code expected} are read or 30 s pass. */
  private static java.util.Set<String> duplicateIds(String bootstrap, long expected) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
        "bootstrap.servers", bootstrap, "group.id", "dedup-bench-check", "auto.offset.reset", "earliest",
        "isolation.level", "read_committed"), new org.apache.kafka.common.serialization.StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DUPLICATES.name()));
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (ids.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(java.time.Duration.ofMillis(500)).forEach(r -> ids.add(r.key()));
      }
    }
    return ids;
  }

  private static long size(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Bytes of the enrich application's changelog topics on the broker by store (repartition topics are purged). */
  private static Map<String, Long> changelogBytes(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<String, Long> total = new java.util.TreeMap<>();
      for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)
          .stream().map(node -> node.id()).toList()).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
        for (LogDirDescription d : dirs.values()) {
          for (var e : d.replicaInfos().entrySet()) {
            String topic = e.getKey().topic();
            if (topic.endsWith("-changelog")) {
              String store = topic.substring("mediamon-enrich-".length(), topic.length() - "-changelog".length());
              total.merge(store, e.getValue().size(), Long::sum);
            }
          }
        }
      }
      return total;
    }
  }
}
