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

  /** The figures of one labelled set: counts per level, per language and per code, and a report. */
  record Evaluation(Counts[] all, Map<String, Counts[]> byLanguage, double[] macro, String report) {}

  @Test
  void shouldAssignTheTopicsAReaderAssigns() throws Exception {
    Path corpora = SharedCorpora.find("article-extraction-trafilatura");
    Assumptions.assumeTrue(corpora != null, "SKIPPED: ../shared/corpora (article pages) is not present");
    Tagging tagging = new Tagging();
    // the development set is what the lexicons grew from and the thresholds were chosen on: reported, not gated
    Evaluation development = evaluate("/topics-dev/labels.tsv", "development", corpora, tagging);
    Evaluation held = evaluate("/topics-eval/labels.tsv", "evaluation", corpora, tagging);
    System.out.print(development.report());
    System.out.print(held.report());
    String report = held.report();

    Properties baseline = new Properties();
    try (InputStream in = TopicEvaluationTest.class.getResourceAsStream("/topics-eval/baseline.properties")) {
      baseline.load(in);
    }
    assertThat(held.all()[0].f1()).as(report).isGreaterThanOrEqualTo(figure(baseline, "level1.micro.f1"));
    assertThat(held.macro()[0]).as(report).isGreaterThanOrEqualTo(figure(baseline, "level1.macro.f1"));
    assertThat(held.all()[1].f1()).as(report).isGreaterThanOrEqualTo(figure(baseline, "level2.micro.f1"));
    assertThat(held.all()[1].precision()).as(report).isGreaterThanOrEqualTo(figure(baseline, "level2.precision"));
    for (String language : held.byLanguage().keySet()) {
      String key = "level1.micro.f1." + language;
      if (baseline.containsKey(key)) {
        assertThat(held.byLanguage().get(language)[0].f1()).as(key + "\n" + report)
            .isGreaterThanOrEqualTo(figure(baseline, key));
      }
    }
  }

  /** Extraction, language identification and tagging as enrich does them. */
  static final class Tagging {
    final Extractor extractor = new Extractor(64L * 1024 * 1024);
    final LanguageIdentifier languages = EnrichApp.languages(Settings.defaults(Map.of()));
    final TopicClassifier topics = TopicClassifier.load();
    final Tagger tagger = new Tagger(Gazetteer.load(), Watchlist.load(null), topics);
    String candidates;

    Tags tag(byte[] html) {
      Extraction x = extractor.extract(html, "text/html", null, null, null, null);
      String language = languages.identify((x.title() == null ? "" : x.title() + "\n") + x.text(), x.languageHint());
      String title = x.title() == null ? "" : x.title();
      candidates = language + ": " + topics.candidates(Tokenizer.tokenize(title + "\n\n" + x.text()), language);
      return tagger.tag(x.title(), x.text(), language);
    }
  }

  /**
   * One labelled set through {@code tagging}. Each article's labels, topics and evidence are also written to
   * {@code target/topics-<name>.tsv}, where a reader looks for what a lexicon misses.
   */
  static Evaluation evaluate(String resource, String name, Path corpora, Tagging tagging) throws IOException {
    List<Labelled> labels = labels(resource);
    Map<String, Counts[]> byLanguage = new TreeMap<>();
    Counts[] all = {new Counts(), new Counts()};
    // the first lexicon terms grown from evidence came from the evaluation set's even-numbered articles (before the
    // development set existed): the odd-numbered half is the one no step has read
    Counts[] halves = {new Counts(), new Counts()};
    Map<String, Counts> perCode = new TreeMap<>();
    Map<String, Map<String, Counts>> perCodeByLanguage = new TreeMap<>();
    int index = 0;
    StringBuilder articles = new StringBuilder("# id\tlanguage\tlabels\ttopics\tevidence\n");
    for (Labelled l : labels) {
      Tags tags = tagging.tag(page(corpora, l.id()));
      Set<String> top = new HashSet<>();
      Set<String> second = new HashSet<>();
      StringBuilder evidence = new StringBuilder();
      for (MediaTopic t : tags.getTopics()) {
        (t.getLevel() == 1 ? top : second).add(t.getCode());
      }
      evidence.append(tagging.candidates);
      all[0].add(top, l.top());
      all[1].add(second, l.second());
      halves[index++ % 2].add(top, l.top());
      Counts[] lang = byLanguage.computeIfAbsent(l.language(), k -> new Counts[] {new Counts(), new Counts()});
      lang[0].add(top, l.top());
      lang[1].add(second, l.second());
      Set<String> codes = new HashSet<>(l.top());
      codes.addAll(l.second());
      codes.addAll(top);
      codes.addAll(second);
      Map<String, Counts> languageCodes = perCodeByLanguage.computeIfAbsent(l.language(), k -> new TreeMap<>());
      for (String code : codes) {
        Set<String> predicted = top.contains(code) || second.contains(code) ? Set.of(code) : Set.of();
        Set<String> labelled = l.top().contains(code) || l.second().contains(code) ? Set.of(code) : Set.of();
        perCode.computeIfAbsent(code, k -> new Counts()).add(predicted, labelled);
        languageCodes.computeIfAbsent(code, k -> new Counts()).add(predicted, labelled);
      }
      Set<String> gold = new java.util.TreeSet<>(l.top());
      gold.addAll(l.second());
      Set<String> given = new java.util.TreeSet<>(top);
      given.addAll(second);
      articles.append(l.id()).append('\t').append(l.language()).append('\t').append(String.join(",", gold))
          .append('\t').append(String.join(",", given)).append('\t').append(evidence).append('\n');
    }
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("topics-" + name + ".tsv"), articles);
    }
    double[] macro = {macro(perCode, 1), macro(perCode, 2)};
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "topics against %d labelled articles (%s set)%n",
        labels.size(), name));
    for (int level = 1; level <= 2; level++) {
      Counts c = all[level - 1];
      report.append(String.format(Locale.ROOT, "level %d: micro P %.3f R %.3f F1 %.3f, macro-F1 %.3f%n", level,
          c.precision(), c.recall(), c.f1(), macro[level - 1]));
    }
    report.append(String.format(Locale.ROOT, "level 1, even-numbered articles: F1 %.3f; odd-numbered: F1 %.3f%n",
        halves[0].f1(), halves[1].f1()));
    byLanguage.forEach((language, c) -> report.append(String.format(Locale.ROOT,
        "  %-3s level 1: P %.3f R %.3f F1 %.3f macro-F1 %.3f (%d gold)   level 2: P %.3f R %.3f F1 %.3f macro-F1 %.3f "
            + "(%d gold)%n", language, c[0].precision(), c[0].recall(), c[0].f1(),
        macro(perCodeByLanguage.get(language), 1), c[0].tp + c[0].fn, c[1].precision(), c[1].recall(), c[1].f1(),
        macro(perCodeByLanguage.get(language), 2), c[1].tp + c[1].fn)));
    return new Evaluation(all, byLanguage, macro, report.toString());
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

  static List<Labelled> labels(String resource) throws IOException {
    List<Labelled> labels = new ArrayList<>();
    try (InputStream in = TopicEvaluationTest.class.getResourceAsStream(resource)) {
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
