package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.app.Main;
import io.mediamon.common.Settings;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.Extractor;
import io.mediamon.enrich.tag.Gazetteer;
import io.mediamon.enrich.tag.LanguageIdentifier;
import io.mediamon.enrich.tag.Tagger;
import io.mediamon.enrich.tag.TopicClassifier;
import io.mediamon.enrich.tag.Watchlist;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole pipeline on real pages: {@code run --once} (embedded broker, enrich under exactly-once, lake sink) on the
 * article pages of the shared extraction corpora, once per number of enrich threads, against the extractor alone
 * (extraction, language, tags: what enrich does to a page without Kafka) on the same pages in the same process.
 * Steady-state documents/s is taken from the events' own enrichment times (first to last), so start-up (broker,
 * Streams group join, model loading) is left out, and so is the JIT compiler's warm-up: unmeasured passes through
 * the pipeline come first, until the compiler's share of a pass's CPU has settled, and the extractor alone runs twice
 * before its measured round. Also prints the process's heap after the runs and its peak RSS.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.PipelineBench -Dbench.cpus=2 -Dbench.heap=1g -Dbench.args="781 1,2"</pre>
 *
 * <p>Then, with the default threads, one pass per kind of document: {@code pages} (the corpus pages again),
 * {@code copies} (each page twice, under two names: half the documents exact copies), {@code texts} (1,000 plain
 * texts like the seed, generated from Scrapinghub's real paragraphs, one in ten a syndicated copy) and
 * {@code feeds} (every RSS/Atom/RDF file of the feed corpora, each entry a document).
 *
 * <p>Arguments: [pages (default all)] [comma-separated enrich threads (default 1,2)] [extra -D settings, k=v,... or
 * -] [comma-separated kinds (default pages,copies,texts,feeds; none for none)].
 */
public final class PipelineBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Whole passes through the pipeline before the measured ones, to leave the JIT compiler's warm-up out: at least
   * {@value #MIN_WARM_UP_PASSES}, and more until the compiler's time is less than {@value #SETTLED_JIT_SHARE} of a
   * pass's CPU time, or {@value #MAX_WARM_UP_PASSES} have run. On two busy cores it was half of each of the first six
   * passes' CPU time (broker, Streams, Parquet, Avro, Jsoup and mediamon are a lot of hot code), and below a fifth
   * only by the eighth or ninth (BENCHMARKS.md): C2 compiles a method after thousands of calls, so what runs once per
   * document or per file (closing a Parquet file, building an event, reading an input file) was still being compiled
   * in the tenth pass, after 7,000 documents. A service running for hours is past it.
   */
  private static final int MIN_WARM_UP_PASSES = 2;
  private static final int MAX_WARM_UP_PASSES = 14;
  private static final double SETTLED_JIT_SHARE = 0.15;

  public static void main(String[] argv) throws Exception {
    // exec:exec hands bench.args over as one argument
    String[] args = argv.length == 1 ? argv[0].strip().split("\\s+") : argv;
    int count = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : Integer.MAX_VALUE;
    String[] threads = (args.length > 1 && !args[1].isBlank() ? args[1] : "1,2").split(",");
    List<String> extra = new ArrayList<>();
    List<String> kinds = List.of((args.length > 3 ? args[3] : "pages,copies,texts,feeds").split(","));
    if (args.length > 2 && !args[2].isBlank() && !args[2].equals("-")) {
      for (String kv : args[2].split(",")) {
        extra.add("-D");
        extra.add(kv.strip());
      }
    }
    Path pages = Files.createTempDirectory("mediamon-pipeline-bench");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        deleteTree(pages);
      } catch (java.io.IOException e) {
        // a temporary folder: the system cleans it up in time
      }
    }));
    List<byte[]> bodies = Corpora.articlePages(count);
    for (int i = 0; i < bodies.size(); i++) {
      Files.write(pages.resolve(String.format("%04d.html", i + 1)), bodies.get(i));
    }
    System.out.printf(Locale.ROOT, "pipeline bench: %d real pages (%.0f KB on average), %d processors%n", bodies.size(),
        bodies.stream().mapToLong(b -> b.length).average().orElse(0) / 1024, Runtime.getRuntime().availableProcessors());
    // a long-running service runs compiled code: the first passes through the pipeline are spent in the JIT compiler
    Map<String, Double> rates = new java.util.LinkedHashMap<>();
    int warmUps = 0;
    boolean settled = false;
    while (warmUps < MIN_WARM_UP_PASSES || !settled && warmUps < MAX_WARM_UP_PASSES) {
      Pass pass = pass(pages, String.valueOf(Runtime.getRuntime().availableProcessors()), extra);
      warmUps++;
      settled = pass.jitShare < SETTLED_JIT_SHARE;
      System.out.printf(Locale.ROOT, "warm-up pass %d: %d events, %.1f s wall, JIT compile time %.0f %% of its CPU time "
          + "(not measured)%n", warmUps, pass.enriched.size(), pass.wall, 100 * pass.jitShare);
    }
    for (String t : threads) {
      Pass pass = pass(pages, t.strip(), extra);
      List<Instant> enriched = pass.enriched;
      double span = Duration.between(enriched.get(0), enriched.get(enriched.size() - 1)).toMillis() / 1000.0;
      rates.put(t.strip(), (enriched.size() - 1) / span);
      System.out.printf(Locale.ROOT, "enrich threads %s: %d events, steady state %.1f documents/s (%.1f s from first to "
          + "last event), %.1f s wall with start-up%n", t.strip(), enriched.size(), (enriched.size() - 1) / span, span,
          pass.wall);
      System.out.print(pass.account);
      System.out.print(pass.disk());
    }
    if (!kinds.contains("none")) {
      System.out.printf(Locale.ROOT, "by kind of document, %d enrich threads:%n", Runtime.getRuntime().availableProcessors());
    }
    for (String kind : kinds) {
      if (kind.equals("none")) {
        continue;
      }
      Path input = kindInput(kind.strip(), pages, bodies);
      Pass pass;
      try {
        pass = pass(input, String.valueOf(Runtime.getRuntime().availableProcessors()), extra);
      } finally {
        if (input != pages) {
          deleteTree(input);
        }
      }
      double span = Duration.between(pass.enriched.get(0), pass.enriched.get(pass.enriched.size() - 1)).toMillis() / 1000.0;
      System.out.printf(Locale.ROOT, "  %-7s %s; %.1f events/s, %.1f documents/s in (%.1f s from first to last event)%n",
          kind.strip(), pass.summary, (pass.enriched.size() - 1) / span, pass.documentsIn / span, span);
    }
    // the Kafka reference: the same pages copied by a Streams topology under the same exactly-once settings
    PassthroughReference.run(bodies, 2);
    double copied = PassthroughReference.run(bodies, 2);
    System.out.printf(Locale.ROOT, "Kafka Streams passthrough (exactly-once copy of the same pages, 2 threads, after a "
        + "warm-up run): %.0f records/s%n", copied);
    rates.forEach((t, rate) -> System.out.printf(Locale.ROOT,
        "  the pipeline with %s enrich thread(s) reached %.0f %% of it%n", t, 100 * rate / copied));
    Settings settings = Settings.defaults(Map.of());
    Extractor extractor = new Extractor(64L * 1024 * 1024);
    LanguageIdentifier languages = EnrichApp.languages(settings);
    Tagger tagger = new Tagger(Gazetteer.load(), Watchlist.load(null), TopicClassifier.load());
    int sink = 0;
    for (int round = 0; round < 2; round++) {
      sink += alone(bodies, extractor, languages, tagger);
    }
    long started = System.nanoTime();
    sink += alone(bodies, extractor, languages, tagger);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "extractor alone (extraction, language, tags), one thread: %.0f pages/s (checksum %d)%n",
        bodies.size() / seconds, sink);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "heap in use after the runs: %.0f MB; peak RSS of the process: %s%n",
        (rt.totalMemory() - rt.freeMemory()) / 1024.0 / 1024.0, peakRss());
  }

  /**
   * One run of the pipeline: its events' enrichment times, its wall time, its CPU account, and what its data
   * directory held at the end: enrich's state stores, the broker's logs (topics, changelogs and repartitions) and
   * the lake.
   */
  private record Pass(List<Instant> enriched, double wall, String account, double jitShare, long stateBytes,
      long brokerBytes, long lakeBytes, String summary, int documentsIn) {
    String disk() {
      int n = Math.max(1, enriched.size());
      return String.format(Locale.ROOT, "  on disk after the pass, per document: enrich state stores %.1f KB, broker "
          + "logs %.1f KB, lake %.1f KB%n", stateBytes / 1024.0 / n, brokerBytes / 1024.0 / n, lakeBytes / 1024.0 / n);
    }
  }

  private static Pass pass(Path pages, String threads, List<String> extra) throws Exception {
    Path data = Files.createTempDirectory("mediamon-pipeline-data");
    try {
      return pass(pages, threads, extra, data);
    } finally {
      deleteTree(data);
    }
  }

  private static Pass pass(Path pages, String threads, List<String> extra, Path data) throws Exception {
    StringWriter out;
    StringWriter err;
    long started;
    int code;
    String account;
    double jitShare;
    int attempts = 0;
    do {
      // a free port found here can be taken again before the broker binds it (or the broker's controller port, the
      // next one, can be): the run then stops at once, and goes again on another port
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> run = new ArrayList<>(List.of("run", "--once", "--data-dir", data.toString(), "--broker-port",
          String.valueOf(port), "-D", "kafka.bootstrap=", "-D", "enrich.threads=" + threads));
      run.addAll(extra);
      run.add(pages.toString());
      out = new StringWriter();
      err = new StringWriter();
      started = System.nanoTime();
      try (CpuAccount cpu = new CpuAccount()) {
        code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), run.toArray(String[]::new));
        account = cpu.report(Math.max(1, out.toString().split("\n").length));
        jitShare = cpu.jitShare();
      }
    } while (code != 0 && portTaken(err.toString()) && ++attempts < 3);
    double wall = (System.nanoTime() - started) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("run exited " + code + ": " + err);
    }
    List<Instant> enriched = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        enriched.add(Instant.parse(JSON.readTree(line).at("/provenance/enriched_at").asText()));
      }
    }
    enriched.sort(null);
    // the summary line: "mediamon: N documents in, N events, N duplicates, N dead letters (...) in S s"
    String summary = err.toString().lines().filter(l -> l.startsWith("mediamon: ")).reduce((a, b) -> b).orElse("");
    java.util.regex.Matcher in = java.util.regex.Pattern.compile("(\\d+) documents in, .*? dead letters").matcher(summary);
    if (enriched.size() < 2) {
      throw new IllegalStateException("a pass needs two events or more to measure a rate: " + summary);
    }
    return new Pass(enriched, wall, account, jitShare, bytes(data.resolve("streams")), bytes(data.resolve("kafka")),
        bytes(data.resolve("lake")), in.find() ? in.group() : summary, in.find(0) ? Integer.parseInt(in.group(1)) : 0);
  }

  /** Whether a run stopped because its broker's port was taken: mediamon's own check, or Kafka's bind. */
  private static boolean portTaken(String stderr) {
    return stderr.contains("is in use") || stderr.contains("Address already in use");
  }

  /** The input folder of a kind of document. */
  private static Path kindInput(String kind, Path pages, List<byte[]> bodies) throws Exception {
    if (kind.equals("pages")) {
      return pages;
    }
    Path dir = Files.createTempDirectory("mediamon-pipeline-" + kind);
    switch (kind) {
      case "copies" -> {
        for (int i = 0; i < bodies.size(); i++) {
          Files.write(dir.resolve(String.format("%04d.html", i + 1)), bodies.get(i));
          Files.write(dir.resolve(String.format("%04d-copy.html", i + 1)), bodies.get(i));
        }
      }
      case "texts" -> SyndicatedDocuments.generate(1000, SyndicatedDocuments.paragraphs(), new java.util.Random(42),
          (i, id, text) -> Files.writeString(dir.resolve(String.format("%05d.txt", i)), text));
      case "feeds" -> {
        int n = 0;
        for (String corpus : List.of("feeds-rome", "feeds-feedparser")) {
          try (var walk = Files.walk(Corpora.root().resolve(corpus))) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
              String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
              if (name.endsWith(".xml") || name.endsWith(".rss")) {
                Files.copy(f, dir.resolve(String.format("%03d-%s", n++, f.getFileName())));
              }
            }
          }
        }
      }
      default -> throw new IllegalArgumentException("kinds are pages, copies, texts and feeds, not " + kind);
    }
    return dir;
  }

  private static long bytes(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static int alone(List<byte[]> bodies, Extractor extractor, LanguageIdentifier languages, Tagger tagger) {
    int n = 0;
    for (byte[] html : bodies) {
      try {
        Extraction x = extractor.extract(html, "text/html", null, null, null, null);
        String language = languages.identify((x.title() == null ? "" : x.title() + "\n") + x.text(), x.languageHint());
        languages.throughout(x.text(), language);
        n += tagger.tag(x.title(), x.text(), language).getEvidence().size();
      } catch (RuntimeException e) {
        n--;
      }
    }
    return n;
  }

  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return String.format(Locale.ROOT, "%.0f MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return "unknown";
  }
}
