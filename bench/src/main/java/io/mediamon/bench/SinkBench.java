package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.common.Settings;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.EventAssembler;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.MediaTopic;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.alert.AlertsApp;
import io.mediamon.sink.alert.Query;
import io.mediamon.sink.alert.RuleBook;
import io.mediamon.sink.lake.LakeFiles;
import io.mediamon.sink.lake.LakeTable;
import io.mediamon.sink.lake.LakeWriter;
import io.mediamon.sink.lake.PartFileWriter;
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
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The sinks' costs on real events (the Scrapinghub articles run through enrich's assembler, so text and tags are
 * real): Parquet lake write throughput on one thread, and the cost per event of evaluating 1,000 saved queries.
 *
 * <p>{@code files} measures what a backlog costs the lake: events published on as many days as there are events, so
 * each row opens, writes and closes a file of its own (a day's Hive partition), as the corpus pages of
 * {@code PipelineBench} do.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.SinkBench [-Dbench.args="lake|files|alerts"]</pre>
 */
public final class SinkBench {
  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    List<EventRecord> events = events();
    System.out.printf(Locale.ROOT, "%d real events, %.0f bytes of Avro each on average%n", events.size(),
        events.stream().mapToInt(e -> Topics.EVENT_SERDE.encode(e).length).average().orElse(0));
    if (what.equals("all") || what.equals("lake")) {
      lake(events);
      size(events);
    }
    if (what.equals("all") || what.equals("files")) {
      smallFiles(events);
    }
    if (what.equals("all") || what.equals("alerts")) {
      alerts(events);
    }
  }

  static List<EventRecord> events() throws Exception {
    JsonNode truth = new ObjectMapper().readTree(
        Corpora.root().resolve("article-extraction-scrapinghub/ground-truth.json").toFile());
    EventAssembler assembler = EnrichApp.assembler(Settings.defaults(Map.of()), "bench");
    List<EventRecord> events = new ArrayList<>();
    int i = 0;
    for (JsonNode page : truth) {
      String text = page.path("headline").asText("") + "\n\n" + page.get("articleBody").asText();
      RawDocument raw = RawDocument.newBuilder().setId("doc-" + i++).setKind(DocumentKind.ARTICLE)
          .setOrigin(Origin.newBuilder().setType(OriginType.FILE).setUri("file:///bench/" + i + ".txt").build())
          .setFetchedAt(Instant.parse("2024-05-01T10:00:00Z")).setContentType("text/plain").setCharset("UTF-8")
          .setBody(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))).build();
      events.add(assembler.assemble(raw));
    }
    return events;
  }

  private static void lake(List<EventRecord> events) throws Exception {
    int rows = 100_000;
    int rollEvery = 20_000;
    for (int round = 0; round < 2; round++) { // the first round warms up
      Path dir = Files.createTempDirectory("mediamon-lake-bench");
      LakeWriter<EventRecord> writer = new LakeWriter<>(dir, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT,
          new LakeWriter.Roll(Long.MAX_VALUE, java.time.Duration.ofDays(1), 10_000));
      long avroBytes = 0;
      Instant now = Instant.now();
      long start = System.nanoTime();
      for (int offset = 0; offset < rows; offset++) {
        EventRecord e = events.get(offset % events.size());
        writer.append(0, offset, 0, e, now);
        if ((offset + 1) % rollEvery == 0) {
          writer.roll(0);
        }
      }
      writer.roll(0);
      double seconds = (System.nanoTime() - start) / 1e9;
      for (EventRecord e : events) {
        avroBytes += Topics.EVENT_SERDE.encode(e).length;
      }
      List<LakeFiles.Part> parts = LakeFiles.parts(dir.resolve("events"));
      if (round == 1) {
        System.out.printf(Locale.ROOT, "lake: %d event rows in %d files (zstd, rolled every %d rows): %.0f rows/s, "
            + "%.1f MB/s of Avro input on one thread%n", rows, parts.size(), rollEvery, rows / seconds,
            (double) avroBytes / events.size() * rows / seconds / 1e6);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One-row files, as a backlog spread over years writes them: time and bytes allocated per file, on one thread. */
  private static void smallFiles(List<EventRecord> events) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int files = 2_000;
    int rounds = 8;
    double[] msPerFile = new double[rounds / 2];
    for (int round = 0; round < rounds; round++) { // the first half warms up
      Path dir = Files.createTempDirectory("mediamon-lake-files");
      LakeWriter<EventRecord> writer = new LakeWriter<>(dir, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT,
          LakeWriter.Roll.DEFAULT);
      Instant day = Instant.parse("2004-01-01T10:00:00Z");
      long allocated = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      for (int offset = 0; offset < files; offset++) {
        EventRecord e = EventRecord.newBuilder(events.get(offset % events.size()))
            .setPublishedAt(day.plus(java.time.Duration.ofDays(offset))).build();
        Instant now = Instant.now();
        writer.append(0, offset, 0, e, now);
        if ((offset + 1) % 100 == 0 && writer.due(0, now)) { // the sink asks after each poll
          writer.roll(0);
        }
      }
      writer.roll(0);
      double seconds = (System.nanoTime() - start) / 1e9;
      allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
      long disk = 0;
      List<LakeFiles.Part> parts = LakeFiles.parts(dir.resolve("events"));
      for (LakeFiles.Part p : parts) {
        disk += Files.size(p.path());
      }
      if (round >= rounds / 2) {
        msPerFile[round - rounds / 2] = seconds * 1000 / files;
      }
      if (round == rounds - 1) {
        java.util.Arrays.sort(msPerFile);
        System.out.printf(Locale.ROOT, "lake, one row per file (%d files, one day each, zstd): %.2f–%.2f ms per file "
            + "(%d rounds), %.0f KB allocated per file, %.1f KB per file on disk, on one thread%n", parts.size(),
            msPerFile[0], msPerFile[msPerFile.length - 1], msPerFile.length, allocated / 1024.0 / files,
            disk / 1024.0 / parts.size());
      }
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Size on disk of each distinct article once (the throughput run repeats them, which flatters compression). */
  private static void size(List<EventRecord> events) throws Exception {
    Path dir = Files.createTempDirectory("mediamon-lake-size");
    LakeWriter<EventRecord> writer = new LakeWriter<>(dir, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT,
        LakeWriter.Roll.DEFAULT);
    long avro = 0;
    for (int i = 0; i < events.size(); i++) {
      EventRecord e = EventRecord.newBuilder(events.get(i)).build(); // one Hive partition, one file
      e.setPublishedAt(Instant.parse("2024-05-01T10:00:00Z"));
      e.setLanguage("en");
      writer.append(0, i, 0, e, Instant.now());
      avro += Topics.EVENT_SERDE.encode(e).length;
    }
    writer.roll(0);
    long disk = 0;
    for (LakeFiles.Part p : LakeFiles.parts(dir.resolve("events"))) {
      disk += Files.size(p.path());
    }
    System.out.printf(Locale.ROOT, "lake size: %d distinct events in one file: %.0f bytes per row on disk (zstd), "
        + "%.0f in Avro%n", events.size(), (double) disk / events.size(), (double) avro / events.size());
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void alerts(List<EventRecord> events) {
    List<RuleBook.Rule> rules = rules(events, 1000, new Random(7));
    Instant now = Instant.now();
    long matches = 0;
    for (int round = 0; round < 5; round++) { // warm-up
      for (EventRecord e : events) {
        matches += AlertsApp.evaluate(rules, e, null, now).size();
      }
    }
    int rounds = 20;
    matches = 0;
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (EventRecord e : events) {
        matches += AlertsApp.evaluate(rules, e, null, now).size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long evaluated = (long) rounds * events.size();
    System.out.printf(Locale.ROOT, "alerts: %d rules on %d events: %.0f µs per event (%.2f µs per rule), %.0f events/s "
        + "on one thread; %.1f alerts per event%n", rules.size(), events.size(), seconds * 1e6 / evaluated,
        seconds * 1e6 / evaluated / rules.size(), evaluated / seconds, (double) matches / evaluated);
  }

  /** Saved queries of the shapes newsrooms write, from the events' own vocabulary and tags. */
  static List<RuleBook.Rule> rules(List<EventRecord> events, int count, Random random) {
    TreeSet<String> words = new TreeSet<>();
    TreeSet<String> countries = new TreeSet<>();
    TreeSet<String> entities = new TreeSet<>();
    TreeSet<String> topics = new TreeSet<>();
    for (EventRecord e : events) {
      for (String w : e.getText().split("[^\\p{L}]+")) {
        if (w.length() >= 6) {
          words.add(w.toLowerCase(Locale.ROOT));
        }
      }
      countries.addAll(e.getTags().getCountries());
      entities.addAll(e.getTags().getOrganizations());
      entities.addAll(e.getTags().getPeople());
      e.getTags().getTopics().stream().map(MediaTopic::getCode).forEach(topics::add);
    }
    List<String> w = new ArrayList<>(words);
    List<String> c = new ArrayList<>(countries);
    List<String> en = new ArrayList<>(entities);
    List<String> t = new ArrayList<>(topics);
    List<RuleBook.Rule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String q = switch (i % 5) {
        case 0 -> "country:" + pick(c, random) + " AND topic:" + pick(t, random);
        case 1 -> pick(w, random) + " OR " + pick(w, random) + " OR \"" + pick(w, random) + " " + pick(w, random) + "\"";
        case 2 -> "entity:\"" + pick(en, random) + "\" AND NOT lang:de";
        case 3 -> "(" + pick(w, random) + " OR country:" + pick(c, random) + ") AND " + pick(w, random);
        default -> "topic:" + pick(t, random) + " AND (" + pick(w, random) + " OR " + pick(w, random) + ") AND lang:en";
      };
      rules.add(new RuleBook.Rule("r" + i, q, Query.parse(q)));
    }
    return rules;
  }

  private static String pick(List<String> from, Random random) {
    return from.get(random.nextInt(from.size())).replace("\"", "");
  }
}
