package io.mediamon.bench;

import io.mediamon.ingest.IngestException;
import io.mediamon.ingest.feed.FeedParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Feed parsing throughput on the Rome and feedparser corpora (every file, in memory, through the same
 * {@link FeedParser} the poller uses), one thread, after warm-up: files per second, entries per second, and how
 * many files parse.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.FeedBench</pre>
 */
public final class FeedBench {
  public static void main(String[] args) throws Exception {
    List<byte[]> files = new ArrayList<>();
    for (String dir : List.of("feeds-rome", "feeds-feedparser")) {
      try (Stream<Path> walk = Files.walk(Corpora.root().resolve(dir))) {
        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
          String name = f.getFileName().toString();
          if (!name.equals("README.md") && !name.equals("MANIFEST.tsv")) {
            files.add(Files.readAllBytes(f));
          }
        }
      }
    }
    long bytes = files.stream().mapToLong(b -> b.length).sum();
    FeedParser parser = new FeedParser();
    int[] result = new int[2];
    for (int round = 0; round < 5; round++) {
      result = parseAll(parser, files);
    }
    int rounds = 20;
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      result = parseAll(parser, files);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "feeds: %d files (%.1f MB), %d parse into %d entries, the rest are rejected with a "
        + "reason%n", files.size(), bytes / 1e6, result[0], result[1]);
    System.out.printf(Locale.ROOT, "feeds: %.0f files/s, %.0f entries/s, %.1f MB/s on one thread%n",
        files.size() * rounds / seconds, result[1] * rounds / seconds, bytes * rounds / seconds / 1e6);
  }

  private static int[] parseAll(FeedParser parser, List<byte[]> files) {
    int parsed = 0;
    int entries = 0;
    Instant now = Instant.now();
    for (byte[] body : files) {
      try {
        entries += parser.parse(body, "http://bench/feed", "text/xml", now).size();
        parsed++;
      } catch (IngestException e) {
        // rejected with a reason: counted by the difference
      }
    }
    return new int[] {parsed, entries};
  }
}
