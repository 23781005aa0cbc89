package io.mediamon.bench;

import io.mediamon.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the dedup benchmarks print after a run: the copies found, and the state kept per document by store. */
final class DedupReport {
  private DedupReport() {}

  /**
   * Reads media.duplicates and counts the copy pairs found. A pair is found when either document is judged the
   * other's duplicate: partitions are processed side by side, so a copy can reach the dedup stores before its
   * original and become the story's first copy.
   */
  static void pairs(String bootstrap, Map<String, String> copies, long duplicates) {
    Set<String> flagged = duplicateIds(bootstrap, duplicates);
    long found = copies.entrySet().stream().filter(c -> flagged.contains(c.getKey()) || flagged.contains(c.getValue()))
        .count();
    long copyFlagged = copies.keySet().stream().filter(flagged::contains).count();
    Set<String> inPairs = new HashSet<>(copies.keySet());
    inPairs.addAll(copies.values());
    long outside = flagged.stream().filter(id -> !inPairs.contains(id)).count();
    System.out.printf(Locale.ROOT, "copies produced %d: pairs found %d (recall %.3f; in %d the later copy is the "
        + "duplicate, in %d the earlier); documents outside any pair judged DUPLICATE: %d%n", copies.size(), found,
        (double) found / copies.size(), copyFlagged, found - copyFlagged, outside);
  }

  /** Local stores (RocksDB files under {@code streamsDir}) and their changelog topics, by store and in total. */
  static void state(String bootstrap, Path streamsDir, String applicationId, long n) throws Exception {
    Map<String, Long> changelogByStore = changelogBytes(bootstrap, applicationId);
    Map<String, Long> localByStore = new TreeMap<>();
    Map<String, Long> filesByKind = new TreeMap<>();
    try (Stream<Path> files = Files.walk(streamsDir)) {
      // <state dir>/<application>/<task>/rocksdb/<store>/... for key-value stores, <task>/<store>/<segment> for
      // window stores; files directly in a task directory (checkpoints, locks) are "(other)"
      files.filter(Files::isRegularFile).forEach(f -> {
        Path rel = streamsDir.relativize(f);
        String store = "(other)";
        if (rel.getNameCount() > 4 && rel.getName(2).toString().equals("rocksdb")) {
          store = rel.getName(3).toString();
        } else if (rel.getNameCount() > 3) {
          store = rel.getName(2).toString();
        }
        localByStore.merge(store, f.toFile().length(), Long::sum);
        filesByKind.merge(fileKind(f), f.toFile().length(), Long::sum);
      });
    }
    StoreCensus census = StoreCensus.take(streamsDir);
    Map<String, long[]> live = census.live;
    Set<String> stores = new TreeSet<>(localByStore.keySet());
    stores.addAll(changelogByStore.keySet());
    for (String store : stores) {
      long l = localByStore.getOrDefault(store, 0L);
      long c = changelogByStore.getOrDefault(store, 0L);
      long[] entries = live.getOrDefault(store, new long[2]);
      System.out.printf(Locale.ROOT, "  %-36s local %7.1f MB, changelog %7.1f MB: %6.0f bytes per document; live "
          + "%,d entries, %.0f bytes of keys and values per document%n", store, l / 1e6, c / 1e6, (double) (l + c) / n,
          entries[0], (double) entries[1] / n);
    }
    long liveBytes = live.values().stream().mapToLong(t -> t[1]).sum();
    long local = localByStore.values().stream().mapToLong(Long::longValue).sum();
    long changelogs = changelogByStore.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(Locale.ROOT, "state after %d documents: local stores %.1f MB, changelogs %.1f MB: %.0f bytes per "
        + "document (%.0f local + %.0f changelog)%n", n, local / 1e6, changelogs / 1e6, (double) (local + changelogs) / n,
        (double) local / n, (double) changelogs / n);
    System.out.printf(Locale.ROOT, "live entries: %.0f bytes of keys and values per document (one copy of the state, "
        + "uncompressed, without deleted or overwritten entries)%n", (double) liveBytes / n);
    System.out.printf(Locale.ROOT, "local files by kind: %s%n", filesByKind.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f MB", e.getKey(), e.getValue() / 1e6)).toList());
    census.reportBands(n);
  }

  /** RocksDB table files (the data), its own logs and manifests, and the rest (checkpoints, locks). */
  private static String fileKind(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".sst")) {
      return "tables";
    }
    if (name.startsWith("LOG") || name.startsWith("MANIFEST") || name.startsWith("OPTIONS") || name.endsWith(".log")) {
      return "rocksdb logs and manifests";
    }
    return "other";
  }

  /**
   * How many band members were re-pointed at their story (records on media.near-dup-repoints; transaction markers
   * included, so an upper bound).
   */
  static void repoints(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      for (int p = 0; p < Topics.NEAR_DUP_REPOINTS.partitions(); p++) {
        partitions.put(new TopicPartition(Topics.NEAR_DUP_REPOINTS.name(), p), OffsetSpec.latest());
      }
      long end = admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(o -> o.offset()).sum();
      System.out.printf(Locale.ROOT, "band members re-pointed at their story: at most %d (offsets on %s)%n", end,
          Topics.NEAR_DUP_REPOINTS.name());
    }
  }

  /** The ids on media.duplicates (read-committed), until {@code expected} are read or 30 s pass. */
  private static Set<String> duplicateIds(String bootstrap, long expected) {
    Set<String> ids = new HashSet<>();
    try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
        "bootstrap.servers", bootstrap, "group.id", "dedup-bench-check", "auto.offset.reset", "earliest",
        "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DUPLICATES.name()));
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (ids.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(java.time.Duration.ofMillis(500)).forEach(r -> ids.add(r.key()));
      }
    }
    return ids;
  }

  /** Bytes of the application's changelog topics on the broker by store (repartition topics are purged). */
  private static Map<String, Long> changelogBytes(String bootstrap, String applicationId) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<String, Long> total = new TreeMap<>();
      for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)
          .stream().map(node -> node.id()).toList()).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
        for (LogDirDescription d : dirs.values()) {
          for (var e : d.replicaInfos().entrySet()) {
            String topic = e.getKey().topic();
            if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
              String store = topic.substring(applicationId.length() + 1, topic.length() - "-changelog".length());
              total.merge(store, e.getValue().size(), Long::sum);
            }
          }
        }
      }
      return total;
    }
  }
}
