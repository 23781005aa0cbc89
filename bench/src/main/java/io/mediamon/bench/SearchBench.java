package io.mediamon.bench;

import io.mediamon.schemas.EventRecord;
import io.mediamon.sink.alert.Query;
import io.mediamon.sink.search.SearchIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The web app's search index at scale: N events (default 1,000,000) made from the real events of the Scrapinghub
 * articles (run through enrich's assembler: real texts and tags), each copy with its own id and a publication time
 * spread over 90 days; indexing rate on one thread (commits every 10,000 events, as the feed commits per batch), index
 * bytes per event, and p50/p99/max latency of saved-query searches (one page of 20 hits, newest first, with facet
 * counts over every hit).
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.SearchBench -Dbench.args="1000000" -Dbench.heap=2g</pre>
 */
public final class SearchBench {
  private static final List<String> QUERIES = List.of("country:US", "lang:en AND topic:04000000", "\"white house\"",
      "police", "trump OR biden", "country:FR AND NOT country:US", "topic:16000000", "entity:\"Donald Trump\"",
      "(election OR vote) AND country:US", "source:\"The Guardian\"");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    List<EventRecord> real = SinkBench.events();
    Path dir = Files.createTempDirectory("search-bench");
    Random random = new Random(7);
    Instant start = Instant.parse("2026-09-01T00:00:00Z");
    try (SearchIndex index = new SearchIndex(dir)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        EventRecord e = EventRecord.newBuilder(real.get(i % real.size())).build();
        e.setId("bench-" + i);
        e.setStoryId("bench-" + i);
        e.setPublishedAt(start.plusSeconds(random.nextInt(90 * 86_400)));
        index.add(e);
        if ((i + 1) % 10_000 == 0 || i == n - 1) {
          index.commit(Map.of("media.events", Map.of(0, (long) i + 1)));
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long bytes;
      try (Stream<Path> files = Files.walk(dir)) {
        bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      System.out.printf(Locale.ROOT, "%,d events from %d real ones: indexed in %.1f s, %,.0f events/s; index %,d bytes, "
          + "%,.0f bytes per event%n", n, real.size(), seconds, n / seconds, bytes, (double) bytes / n);

      List<Query> queries = QUERIES.stream().map(Query::parse).toList();
      for (int i = 0; i < 50; i++) {
        index.search(queries.get(i % queries.size()), 0, 20); // warm-up
      }
      long[] nanos = new long[500];
      long hits = 0;
      for (int i = 0; i < nanos.length; i++) {
        long q0 = System.nanoTime();
        hits += index.search(queries.get(i % queries.size()), i % 3, 20).total();
        nanos[i] = System.nanoTime() - q0;
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "%d searches of %d queries (mean %,d hits each): p50 %.1f ms, p99 %.1f ms, "
          + "max %.1f ms%n", nanos.length, queries.size(), hits / nanos.length, nanos[nanos.length / 2] / 1e6,
          nanos[nanos.length * 99 / 100] / 1e6, nanos[nanos.length - 1] / 1e6);
      for (Query q : queries) {
        long q0 = System.nanoTime();
        long total = index.search(q, 0, 20).total();
        System.out.printf(Locale.ROOT, "  %-40s %,10d hits %8.1f ms%n", QUERIES.get(queries.indexOf(q)), total,
            (System.nanoTime() - q0) / 1e6);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }
}
