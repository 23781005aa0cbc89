package io.mediamon.enrich.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.Extractor;
import io.mediamon.schemas.MediaTopic;
import io.mediamon.schemas.Tags;
import io.mediamon.testsupport.SharedCorpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Topics against a reader: the labelled evaluation set ({@code topics-eval/labels.tsv}, see its README) through
 * extraction, language identification and tagging as enrich does them. Reports micro- and macro-F1 per level and
 * per language, and fails when a figure drops below {@code topics-eval/baseline.properties}.
 */
class TopicEvaluationTest {

  /** One article as read: its codes at each level. */
  record Labelled(String id, String language, Set<String> top, Set<String> second) {}

  /** True positives, false positives, false negatives. */
  static final class Counts {
    int tp;
    int fp;
    int fn;

    void add(Set<String> predicted, Set<String> gold) {
      for (String p : predicted) {
        if (gold.contains(p)) {
          tp++;
        } else {
          fp++;
        }
      }
      for (String g : gold) {
        if (!predicted.contains(g)) {
          fn++;
        }
      }
    }

    double precision() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    double f1() {
      return 2.0 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
  }

  @Test
  void shouldAssignTheTopicsAReaderAssigns() throws Exception {
    Path corpora = SharedCorpora.find("article-extraction-trafilatura");
    Assumptions.assumeTrue(corpora != null, "SKIPPED: ../shared/corpora (article pages) is not present");
    List<Labelled> labels = labels();
    Extractor extractor = new Extractor(64L * 1024 * 1024);
    LanguageIdentifier languages = EnrichApp.languages(Settings.defaults(Map.of()));
    Tagger tagger = new Tagger(Gazetteer.load(), Watchlist.load(null), TopicClassifier.load());

    Map<String, Counts[]> byLanguage = new TreeMap<>();
    Counts[] all = {new Counts(), new Counts()};
    Map<String, Counts> perCode = new TreeMap<>();
    for (Labelled l : labels) {
      byte[] html = page(corpora, l.id());
      Extraction x = extractor.extract(html, "text/html", null, null, null, null);
      String language = languages.identify((x.title() == null ? "" : x.title() + "\n") + x.text(), x.languageHint());
      Tags tags = tagger.tag(x.title(), x.text(), language);
      Set<String> top = new HashSet<>();
      Set<String> second = new HashSet<>();
      for (MediaTopic t : tags.getTopics()) {
        (t.getLevel() == 1 ? top : second).add(t.getCode());
      }
      all[0].add(top, l.top());
      all[1].add(second, l.second());
      Counts[] lang = byLanguage.computeIfAbsent(l.language(), k -> new Counts[] {new Counts(), new Counts()});
      lang[0].add(top, l.top());
      lang[1].add(second, l.second());
      Set<String> codes = new HashSet<>(l.top());
      codes.addAll(l.second());
      codes.addAll(top);
      codes.addAll(second);
      for (String code : codes) {
        perCode.computeIfAbsent(code, k -> new Counts())
            .add(top.contains(code) || second.contains(code) ? Set.of(code) : Set.of(),
                l.top().contains(code) || l.second().contains(code) ? Set.of(code) : Set.of());
      }
    }
    double[] macro = {macro(perCode, 1), macro(perCode, 2)};
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "topics against %d labelled articles%n",
        labels.size()));
    for (int level = 1; level <= 2; level++) {
      Counts c = all[level - 1];
      report.append(String.format(Locale.ROOT, "level %d: micro P %.3f R %.3f F1 %.3f, macro-F1 %.3f%n", level,
          c.precision(), c.recall(), c.f1(), macro[level - 1]));
    }
    byLanguage.forEach((language, c) -> report.append(String.format(Locale.ROOT,
        "  %-3s level 1: P %.3f R %.3f F1 %.3f (%d gold)   level 2: P %.3f R %.3f F1 %.3f (%d gold)%n", language,
        c[0].precision(), c[0].recall(), c[0].f1(), c[0].tp + c[0].fn, c[1].precision(), c[1].recall(), c[1].f1(),
        c[1].tp + c[1].fn)));
    System.out.print(report);

    Properties baseline = new Properties();
    try (InputStream in = TopicEvaluationTest.class.getResourceAsStream("/topics-eval/baseline.properties")) {
      baseline.load(in);
    }
    assertThat(all[0].f1()).as(report.toString()).isGreaterThanOrEqualTo(figure(baseline, "level1.micro.f1"));
    assertThat(macro[0]).as(report.toString()).isGreaterThanOrEqualTo(figure(baseline, "level1.macro.f1"));
    assertThat(all[1].f1()).as(report.toString()).isGreaterThanOrEqualTo(figure(baseline, "level2.micro.f1"));
    assertThat(all[1].precision()).as(report.toString()).isGreaterThanOrEqualTo(figure(baseline, "level2.precision"));
    for (String language : List.of("en", "de", "es", "fr", "pl", "pt", "it")) {
      String key = "level1.micro.f1." + language;
      if (baseline.containsKey(key)) {
        assertThat(byLanguage.get(language)[0].f1()).as(key + "\n" + report).isGreaterThanOrEqualTo(figure(baseline, key));
      }
    }
  }

  /** Macro-F1 over the codes of one level that the reader or the classifier used. */
  private static double macro(Map<String, Counts> perCode, int level) {
    MediaTopics vocabulary = MediaTopics.load();
    double sum = 0;
    int n = 0;
    for (var e : perCode.entrySet()) {
      if (vocabulary.get(e.getKey()).map(MediaTopics.Topic::level).orElse(0) == level) {
        sum += e.getValue().f1();
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** A recorded figure, less a rounding margin. */
  private static double figure(Properties p, String key) {
    return Double.parseDouble(p.getProperty(key).strip()) - 0.0005;
  }

  static List<Labelled> labels() throws IOException {
    List<Labelled> labels = new ArrayList<>();
    try (InputStream in = TopicEvaluationTest.class.getResourceAsStream("/topics-eval/labels.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        labels.add(new Labelled(f[0], f[1], codes(f[2]), codes(f[3])));
      }
    }
    return labels;
  }

  private static Set<String> codes(String field) {
    Set<String> codes = new HashSet<>();
    for (String c : field.split(",")) {
      if (!c.isBlank()) {
        codes.add(c.strip());
      }
    }
    return codes;
  }

  /** The page of an id: {@code scrapinghub-<file>} or {@code trafilatura-<file>} in the shared corpora. */
  static byte[] page(Path corpora, String id) throws IOException {
    int dash = id.indexOf('-');
    Path file = corpora.resolve("article-extraction-" + id.substring(0, dash)).resolve("html")
        .resolve(id.substring(dash + 1) + ".gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }
}
