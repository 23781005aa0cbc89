package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.io.XmlReader;
import io.mediamon.testsupport.SharedCorpora;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every feed file of the shared corpora ({@code feeds-rome}, {@code feeds-feedparser}) through {@code run --once} on
 * the embedded broker: each entry that has a title must come out on {@code media.events} or
 * {@code media.duplicates} carrying that title. The titled entries are counted by a reading independent of the one
 * ingest uses (Jsoup's XML parser over every {@code item} and {@code entry} not inside another), so a parser that silently drops entries
 * fails here. The counts must not fall below {@code feed-corpora-baseline.properties}.
 */
class FeedCorporaIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;
  @TempDir Path feeds;

  @Test
  void shouldTurnEveryTitledEntryOfTheFeedCorporaIntoAnEvent() throws Exception {
    Path corpora = SharedCorpora.find("feeds-rome");
    Assumptions.assumeTrue(corpora != null, "SKIPPED: ../shared/corpora/feeds-rome is not present");
    Map<String, List<String>> expectedByFile = new TreeMap<>();
    int files = 0;
    for (String corpus : List.of("feeds-rome", "feeds-feedparser")) {
      try (Stream<Path> walk = Files.walk(corpora.resolve(corpus))) {
        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
          String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
          if (!name.endsWith(".xml") && !name.endsWith(".rss")) {
            continue;
          }
          String copy = String.format("%03d-%s", files++, f.getFileName());
          Files.copy(f, feeds.resolve(copy));
          List<String> titles = titledEntries(Files.readAllBytes(f));
          if (!titles.isEmpty()) {
            expectedByFile.put(copy, titles);
          }
        }
      }
    }
    String port = String.valueOf(RunOnceIT.freePort());
    RunOnceIT.Result run = RunOnceIT.run("run", "--once", "--data-dir", dataDir.toString(), "--broker-port", port,
        "-D", "kafka.bootstrap=", feeds.toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<JsonNode> records = new ArrayList<>(run.events());
    RunOnceIT.Result duplicates = RunOnceIT.run("tail", "media.duplicates", "--data-dir", dataDir.toString(),
        "--broker-port", port, "-D", "kafka.bootstrap=");
    assertThat(duplicates.exitCode()).as(duplicates.stderr()).isZero();
    records.addAll(duplicates.events());

    // which titles came out of which feed file, as a multiset: "Example entry" is in dozens of files
    Map<String, Map<String, Integer>> outByFile = new TreeMap<>();
    Map<String, Integer> bySource = new TreeMap<>();
    for (JsonNode r : records) {
      String file = r.at("/source/feed").asText();
      file = file.substring(file.lastIndexOf('/') + 1);
      outByFile.computeIfAbsent(file, k -> new TreeMap<>()).merge(normalise(r.get("title").asText("")), 1, Integer::sum);
      bySource.merge(r.path("text_source").asText("none"), 1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    int titled = 0;
    for (var e : expectedByFile.entrySet()) {
      Map<String, Integer> out = new TreeMap<>(outByFile.getOrDefault(e.getKey(), Map.of()));
      for (String title : e.getValue()) {
        titled++;
        Integer n = out.get(title);
        if (n == null || n == 0) {
          missing.add(e.getKey() + ": \"" + title + "\"");
        } else {
          out.put(title, n - 1);
        }
      }
    }
    System.out.printf("feed corpora: %d files, %d titled entries, %d records (%s), %d missing%n", files, titled,
        records.size(), bySource, missing.size());
    assertThat(missing).as("titled entries that did not come out of the pipeline").isEmpty();

    Properties baseline = new Properties();
    try (InputStream in = FeedCorporaIT.class.getResourceAsStream("/feed-corpora-baseline.properties")) {
      baseline.load(in);
    }
    assertThat(titled).as("titled entries in the corpora").isGreaterThanOrEqualTo(intOf(baseline, "titled.entries"));
    for (String source : List.of("page", "feed_content", "feed_summary", "title")) {
      assertThat(bySource.getOrDefault(source, 0)).as("records with text_source %s", source)
          .isGreaterThanOrEqualTo(intOf(baseline, "text_source." + source));
    }
  }

  private static int intOf(Properties p, String key) {
    return Integer.parseInt(p.getProperty(key, "0").strip());
  }

  /** The titles of a feed's entries, read with Jsoup: every item or entry element with a non-blank title child. */
  static List<String> titledEntries(byte[] bytes) throws IOException {
    String text;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes), true)) {
      StringWriter w = new StringWriter();
      reader.transferTo(w);
      text = w.toString();
    } catch (IOException | RuntimeException e) {
      text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    if (text.contains("<!ENTITY")) {
      return List.of(); // entity declarations are refused on purpose (billion laughs, XXE): nothing to expect
    }
    Document doc = Jsoup.parse(text, "", Parser.xmlParser());
    List<String> titles = new ArrayList<>();
    for (Element e : doc.getAllElements()) {
      String name = local(e);
      if (!name.equals("item") && !name.equals("entry") || nested(e)) {
        continue;
      }
      // the entry's own title, not a module's (media:title) unless it has no other
      Element title = null;
      for (Element c : e.children()) {
        if (local(c).equals("title") && !c.text().isBlank() && (title == null || !c.tagName().contains(":"))) {
          title = title == null || title.tagName().contains(":") ? c : title;
        }
      }
      if (title != null) {
        titles.add(normalise(title.text()));
      }
    }
    return titles;
  }

  /** An entry inside another entry: an SSE conflict's earlier version, not an entry of the feed. */
  private static boolean nested(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      String n = local(p);
      if (n.equals("item") || n.equals("entry")) {
        return true;
      }
    }
    return false;
  }

  private static String local(Element e) {
    String n = e.tagName().toLowerCase(Locale.ROOT);
    return n.substring(n.indexOf(':') + 1);
  }

  /** Titles compared as text: markup and entities resolved, white space collapsed. */
  static String normalise(String title) {
    return Jsoup.parse(Parser.unescapeEntities(title, false)).text().replaceAll("\\s+", " ").strip();
  }
}
