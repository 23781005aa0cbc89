package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.alert.AlertsApp;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How long a newsroom waits: documents go to media.raw at a steady rate, and each one's time is taken from its send
 * to its verdict, read committed on media.events or media.duplicates (the whole enrich topology under exactly-once
 * v2: extraction, tagging, the exact and near-duplicate stages and their repartition hops), and, for first copies
 * that a saved query matches, to its alert's arrival at a webhook on loopback (the alerts service, another
 * exactly-once application, and its webhook dispatcher). All on a real (embedded KRaft) broker sharing the machine.
 * Each rate runs after a warm-up, one after the other; the figures are percentiles over every document sent at that
 * rate.
 *
 * <p>The documents are either generated ({@code generated}, the default: the plain texts of
 * {@link SyndicatedDocuments}, one in ten a copy) or the real article pages of the extraction corpora
 * ({@code pages}: HTML as publishers serve it, 150 KB on average; the warm-up takes the first 200, and once all 781
 * are sent the next ones are the same pages again under new ids, copies that exact dedup finds).
 *
 * <p>A fourth argument runs that many whole warm-up runs first, each on a broker and services of its own in the same
 * JVM (every page once, or 2,000 generated documents, sent at once), so that the measured run finds the JIT compiler
 * further along: on two cores it takes thousands of documents to settle (see {@code PipelineBench}).
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.LatencyBench [-Dbench.args="10,50 60 [pages [warm-up runs]]"]</pre>
 * (documents per second, comma-separated; seconds per rate; documents; throwaway runs before the measured one)
 */
public final class LatencyBench {
  private static final int WARM_UP = 300;
  private static final int PAGES_WARM_UP = 200;
  private static final Duration DRAIN = Duration.ofMinutes(3);
  /**
   * Matches nearly every generated document, so nearly every first copy raises an alert (not the few drawn from a
   * page in another language without the word "the").
   */
  private static final String RULE = "- id: everything\n  query: lang:en OR the\n";
  /** Real pages are in a dozen languages, most of them German and English. */
  private static final String PAGES_RULE = "- id: everything\n  query: lang:en OR lang:de OR the OR der\n";

  /** The real pages sent, or null when the documents are generated. */
  private final List<byte[]> pages;

  private final Map<String, Long> sent = new ConcurrentHashMap<>();
  private final Map<String, Long> judged = new ConcurrentHashMap<>();
  /** Documents enrich could not make an event of (a page without text): settled, but not judged. */
  private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();
  private final Set<String> firstCopies = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> alerted = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    // exec:exec passes -Dbench.args as one argument
    String[] a = String.join(" ", args).trim().split("\\s+");
    int[] rates = a[0].isEmpty() ? new int[] {10, 50}
        : Arrays.stream(a[0].split(",")).mapToInt(Integer::parseInt).toArray();
    int seconds = a.length > 1 ? Integer.parseInt(a[1]) : 60;
    boolean realPages = a.length > 2 && a[2].equals("pages");
    if (a.length > 2 && !realPages && !a[2].equals("generated")) {
      throw new IllegalArgumentException("documents are generated or pages, not " + a[2]);
    }
    int warmUpRuns = a.length > 3 ? Integer.parseInt(a[3]) : 0;
    List<byte[]> pages = realPages ? Corpora.articlePages(Integer.MAX_VALUE) : null;
    for (int w = 1; w <= warmUpRuns; w++) {
      // a throwaway broker and services in this JVM: the JIT compiler warms up, the measured run starts empty
      long start = System.nanoTime();
      int n = new LatencyBench(pages).warmUp();
      System.out.printf(Locale.ROOT, "warm-up run %d: %d documents through enrich and alerts in %.1f s (not measured)%n",
          w, n, (System.nanoTime() - start) / 1e9);
    }
    new LatencyBench(pages).run(rates, seconds, true);
  }

  private LatencyBench(List<byte[]> pages) {
    this.pages = pages;
  }

  /** The id of the i-th document sent. */
  private String id(int i) {
    return pages != null ? String.format(Locale.ROOT, "page-%05d", i) : SyndicatedDocuments.id(i);
  }

  /** A throwaway run: every page once (or 2,000 generated documents) at once; returns how many were sent. */
  private int warmUp() throws Exception {
    return run(new int[0], 0, false);
  }

  /** Sends the warm-up, then each rate for {@code seconds}; reports when {@code measured}. Returns documents sent. */
  private int run(int[] rates, int seconds, boolean measured) throws Exception {
    List<String> paragraphs = pages == null ? SyndicatedDocuments.paragraphs() : List.of();
    HttpServer webhook = webhook();
    try (BenchBroker broker = BenchBroker.start("mediamon-latency-bench")) {
      Path rules = broker.dir("rules.yaml");
      Files.createDirectories(rules.getParent());
      Files.writeString(rules, pages == null ? RULE : PAGES_RULE);
      Settings settings = Settings.load(null, System.getenv(), Map.of("kafka.bootstrap", broker.bootstrap(),
          "sink.alerts.webhook.allow.private.addresses", "true", "sink.alerts.webhook.urls", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));
      TopicAdmin.ensureTopics(broker.bootstrap(), Topics.ALL);
      EnrichApp enrich = new EnrichApp(settings, broker.dir("enrich"));
      AlertsApp alerts = new AlertsApp(settings, rules, broker.dir("alerts"));
      Thread alertsThread = new Thread(alerts::run, "alerts");
      AtomicBoolean reading = new AtomicBoolean(true);
      Thread verdicts = new Thread(() -> readVerdicts(settings, reading), "verdicts");
      try {
        enrich.start();
        alertsThread.start();
        verdicts.start();
        // one generated sequence across warm-up and rates: copies can point back to any earlier document
        int[] phaseStart = new int[rates.length + 1];
        phaseStart[0] = measured ? (pages == null ? WARM_UP : PAGES_WARM_UP) : (pages == null ? 2_000 : pages.size());
        if (measured) {
          System.out.printf(Locale.ROOT, "documents: %s%n", pages == null ? "generated plain texts, one in ten a copy"
              : pages.size() + " real article pages (HTML), the first " + PAGES_WARM_UP + " as the warm-up");
        }
        for (int r = 0; r < rates.length; r++) {
          phaseStart[r + 1] = phaseStart[r] + rates[r] * seconds;
        }
        Map<String, String> copies = produce(broker.bootstrap(), paragraphs, rates, phaseStart);
        awaitJudged(phaseStart[rates.length]);
        awaitLastAlerts();
        if (!measured) {
          return phaseStart[rates.length];
        }
        System.out.printf(Locale.ROOT, "commit intervals: enrich %s, alerts %s%n",
            settings.optional("enrich.commit.interval"), settings.optional("sink.alerts.commit.interval"));
        for (int r = 0; r < rates.length; r++) {
          report(rates[r], seconds, phaseStart[r], phaseStart[r + 1]);
        }
        System.out.print("all documents, warm-up included: ");
        // a copy of a page that went to the dead-letter topic has nothing to be found a copy of
        copies.values().removeIf(deadLettered::contains);
        DedupReport.pairs(broker.bootstrap(), copies, judged.size() - firstCopies.size());
        idleCpu();
        return phaseStart[rates.length];
      } finally {
        reading.set(false);
        alerts.close();
        alertsThread.join();
        enrich.close();
      }
    } finally {
      webhook.stop(0);
    }
  }

  /**
   * Sends the warm-up at once, then each rate's documents on schedule, each rate starting once every earlier
   * document is judged; returns each copy's id with the id of the document it copies.
   */
  private Map<String, String> produce(String bootstrap, List<String> paragraphs, int[] rates, int[] phaseStart)
      throws Exception {
    BenchProducer outcome = new BenchProducer();
    Map<String, String> copies;
    try (KafkaProducer<String, RawDocument> producer = new KafkaProducer<>(ingestLikeProducer(bootstrap),
        Topics.RAW.keySerde().serializer(), Topics.RAW.valueSerde().serializer())) {
      long[] phaseBegin = new long[1];
      SyndicatedDocuments.Sink send = (i, id, text) -> {
        int phase = phaseOf(phaseStart, i);
        if (phase >= 0) {
          if (i == phaseStart[phase]) {
            awaitJudged(i);
            phaseBegin[0] = System.nanoTime();
          }
          long wait = phaseBegin[0] + (i - phaseStart[phase]) * 1_000_000_000L / rates[phase] - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        RawDocument raw = pages == null ? raw(i, id, "text/plain", text.getBytes(StandardCharsets.UTF_8))
            : raw(i, id, "text/html", pages.get(i % pages.size()));
        sent.put(id, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.RAW.name(), id, raw), outcome);
      };
      int n = phaseStart[rates.length];
      if (pages == null) {
        copies = SyndicatedDocuments.generate(n, paragraphs, new Random(42), send);
      } else {
        copies = new HashMap<>();
        for (int i = 0; i < n; i++) {
          send.accept(i, id(i), null);
          if (i >= pages.size()) {
            copies.put(id(i), id(i % pages.size()));
          }
        }
      }
    }
    outcome.check();
    return copies;
  }

  /** Alerts come after verdicts: waits until none has arrived for three seconds. */
  private void awaitLastAlerts() throws InterruptedException {
    int seen;
    do {
      seen = alerted.size();
      Thread.sleep(3000);
    } while (alerted.size() > seen);
  }

  /**
   * CPU this process uses with nothing to do: the broker, enrich and the alerts service idle (short poll waits
   * keep a quiet service's commits on time, at some cost here).
   */
  private static void idleCpu() throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Thread.sleep(5_000);
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    Thread.sleep(30_000);
    System.out.printf(Locale.ROOT, "idle: %.1f %% of one core (broker, enrich and alerts in this process)%n",
        100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - start));
  }

  /** The rate a document is sent at (its index in {@code phaseStart}), or -1 for the warm-up. */
  private static int phaseOf(int[] phaseStart, int i) {
    int phase = -1;
    while (phase + 1 < phaseStart.length - 1 && i >= phaseStart[phase + 1]) {
      phase++;
    }
    return phase;
  }

  /**
   * Waits until the first {@code n} documents are judged or dead-lettered (or {@link #DRAIN} passes: the report says
   * how many were).
   */
  private void awaitJudged(int n) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (System.nanoTime() < deadline
        && IntStream.range(0, n).anyMatch(i -> !judged.containsKey(id(i)) && !deadLettered.contains(id(i)))) {
      Thread.sleep(100);
    }
  }

  private void report(int rate, int seconds, int from, int to) {
    List<Long> all = new ArrayList<>();
    List<Long> alerts = new ArrayList<>();
    int firsts = 0;
    for (int i = from; i < to; i++) {
      String id = id(i);
      Long start = sent.get(id);
      Long verdict = judged.get(id);
      if (verdict != null) {
        all.add(verdict - start);
      }
      if (firstCopies.contains(id)) {
        firsts++;
        Long alert = alerted.get(id);
        if (alert != null) {
          alerts.add(alert - start);
        }
      }
    }
    long dead = IntStream.range(from, to).filter(i -> deadLettered.contains(id(i)) && !judged.containsKey(id(i))).count();
    System.out.printf(Locale.ROOT, "%d documents/s for %d s: %d sent, %d judged, %d dead letters, %d first copies, %d "
        + "alerts%n", rate, seconds, to - from, all.size(), dead, firsts, alerts.size());
    System.out.println("  raw -> verdict (media.events or media.duplicates): " + percentiles(all));
    System.out.println("  raw -> alert at the webhook:                       " + percentiles(alerts));
  }

  private static String percentiles(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return "none";
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format(Locale.ROOT, "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", ms(sorted, 0.50), ms(sorted, 0.90),
        ms(sorted, 0.99), sorted[sorted.length - 1] / 1_000_000);
  }

  private static long ms(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1_000_000;
  }

  /** Reads verdicts as a newsroom's consumer would (read committed, from the start of both topics), and dead letters. */
  private void readVerdicts(Settings settings, AtomicBoolean reading) {
    Map<String, Object> props = KafkaClients.committedReader(settings, "latency-bench-reader", "latency-bench-reader");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.EVENTS.name(), Topics.DUPLICATES.name(), Topics.DLQ.name()));
      while (reading.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          if (record.topic().equals(Topics.DLQ.name())) {
            deadLettered.add(record.key());
            continue;
          }
          judged.putIfAbsent(record.key(), System.nanoTime());
          if (record.topic().equals(Topics.EVENTS.name())) {
            firstCopies.add(record.key());
          }
        }
      }
    }
  }

  /** A webhook receiver on loopback that notes when each alert's event arrived. */
  private HttpServer webhook() throws Exception {
    ObjectMapper json = new ObjectMapper();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      long now = System.nanoTime();
      try (InputStream body = exchange.getRequestBody()) {
        JsonNode alert = json.readTree(body).path("alert");
        alerted.putIfAbsent(alert.path("event_id").asText(), now);
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  /**
   * As ingest writes: acknowledged by all replicas, idempotent, compressed, Kafka's default linger, records as large
   * as the catalogue allows (a real page can pass 1 MB).
   */
  private static Map<String, Object> ingestLikeProducer(String bootstrap) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
  }

  private static RawDocument raw(int i, String id, String contentType, byte[] body) {
    return RawDocument.newBuilder().setId(id)
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder().setType(OriginType.FILE)
            .setUri("file:///bench/" + i + (contentType.equals("text/html") ? ".html" : ".txt")).build())
        .setFetchedAt(Instant.now())
        // a page declares its own encoding, as a file read by ingest does
        .setContentType(contentType).setCharset(contentType.equals("text/html") ? null : "UTF-8")
        .setBody(ByteBuffer.wrap(body)).build();
  }
}
