package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.Extractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Scores main-text extraction the way each benchmark defines it, next to a whole-page-text baseline in the same
 * run, and measures pages per second on one core after warm-up.
 *
 * <ul>
 *   <li>Scrapinghub article-extraction-benchmark: token 4-gram shingles (tokens = {@code \w+}); per-page precision
 *       averaged over pages with a non-empty output, recall over all pages; F1 of the two means.
 *   <li>trafilatura evaldata: each "with" snippet found in the output is a TP (else FN), each "without" snippet
 *       found is an FP (else TN); P, R, F1 over all pages.
 * </ul>
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.ExtractionBench -Dbench.args=all</pre>
 */
public final class ExtractionBench {
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final ObjectMapper JSON = new ObjectMapper();

  record Page(String id, String url, byte[] html, JsonNode truth) {}

  /** Keeps the timed extraction results alive so the JIT cannot drop the work. */
  static volatile int blackhole;

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 && !args[0].isBlank() ? args[0] : "all";
    Extractor extractor = new Extractor(64L * 1024 * 1024);
    Function<Page, String> ours = p -> extractor.extract(p.html(), "text/html", null, p.url(), null, null).text();
    Function<Page, String> baseline = p -> wholePageText(p.html());
    if (which.equals("worst")) {
      worst(scrapinghub(), ours, 25);
      return;
    }
    if (which.startsWith("why ")) {
      why(trafilatura(), ours, which.substring(4).strip());
      return;
    }
    if (which.equals("where") || which.startsWith("where ")) {
      where(trafilatura(), ours, which.substring(5).strip());
      return;
    }
    if (which.equals("misses")) {
      misses(trafilatura(), ours, baseline);
      return;
    }
    if (which.equals("all") || which.equals("scrapinghub")) {
      List<Page> pages = scrapinghub();
      System.out.printf(Locale.ROOT, "scrapinghub (%d pages)%n", pages.size());
      double[] speed = speeds(pages, ours, baseline);
      report("  mediamon ", scoreShingles(pages, ours), speed[0]);
      report("  baseline ", scoreShingles(pages, baseline), speed[1]);
    }
    if (which.equals("all") || which.equals("trafilatura")) {
      List<Page> pages = trafilatura();
      System.out.printf(Locale.ROOT, "trafilatura (%d pages)%n", pages.size());
      double[] speed = speeds(pages, ours, baseline);
      report("  mediamon ", scoreSnippets(pages, ours), speed[0]);
      report("  baseline ", scoreSnippets(pages, baseline), speed[1]);
      metadata(pages, extractor);
    }
  }

  private static void report(String name, double[] prf, double pagesPerSecond) {
    System.out.printf(Locale.ROOT, "%s P=%.4f R=%.4f F1=%.4f  %.0f pages/s (one thread, median round)%n", name, prf[0], prf[1], prf[2],
        pagesPerSecond);
  }

  static List<Page> scrapinghub() throws IOException {
    Path root = Corpora.root().resolve("article-extraction-scrapinghub");
    JsonNode truth = JSON.readTree(root.resolve("ground-truth.json").toFile());
    List<Page> pages = new ArrayList<>();
    for (Iterator<String> ids = truth.fieldNames(); ids.hasNext(); ) {
      String id = ids.next();
      pages.add(new Page(id, truth.get(id).get("url").asText(), gunzip(root.resolve("html/" + id + ".html.gz")), truth.get(id)));
    }
    return pages;
  }

  static List<Page> trafilatura() throws IOException {
    return trafilatura(Corpora.root());
  }

  /** The trafilatura evaluation pages under {@code corpora}, the shared corpora directory. */
  static List<Page> trafilatura(Path corpora) throws IOException {
    Path root = corpora.resolve("article-extraction-trafilatura");
    JsonNode eval = JSON.readTree(root.resolve("evaldata.json").toFile());
    List<Page> pages = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = eval.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path file = root.resolve("html/" + e.getValue().get("file").asText() + ".gz");
      if (Files.exists(file)) {
        String url = e.getKey().contains("://") ? e.getKey() : null;
        pages.add(new Page(e.getKey(), url, gunzip(file), e.getValue()));
      }
    }
    return pages;
  }

  /**
   * Metadata against the trafilatura annotations: the title exactly (whitespace-normalised), the date (day), and the
   * author as a case-insensitive containment either way (annotations write "Von Roland Brockmann", pages "Roland
   * Brockmann", or the reverse).
   */
  static void metadata(List<Page> pages, Extractor extractor) {
    int[] right = new int[3];
    int[] total = new int[3];
    for (Page page : pages) {
      Extraction x;
      try {
        x = extractor.extract(page.html(), "text/html", null, page.url(), null, null);
      } catch (RuntimeException e) {
        x = null;
      }
      JsonNode t = page.truth();
      if (!t.path("title").asText().isBlank()) {
        total[0]++;
        right[0] += x != null && x.title() != null && normalize(x.title()).equals(normalize(t.get("title").asText())) ? 1 : 0;
      }
      if (!t.path("date").asText().isBlank()) {
        total[1]++;
        right[1] += x != null && x.publishedAt() != null
            && x.publishedAt().toString().startsWith(t.get("date").asText()) ? 1 : 0;
      }
      if (!t.path("author").asText().isBlank()) {
        total[2]++;
        String want = t.get("author").asText().toLowerCase(Locale.ROOT);
        right[2] += x != null && x.authors().stream().map(a -> a.toLowerCase(Locale.ROOT))
            .anyMatch(a -> !a.isBlank() && (a.contains(want) || want.contains(a))) ? 1 : 0;
      }
    }
    System.out.printf(Locale.ROOT, "  metadata: title %.3f (%d pages), date %.3f (%d), author %.3f (%d)%n",
        (double) right[0] / total[0], total[0], (double) right[1] / total[1], total[1], (double) right[2] / total[2],
        total[2]);
  }

  /** Diagnostics: the Scrapinghub pages with the lowest precision or recall. */
  static void worst(List<Page> pages, Function<Page, String> extract, int n) {
    List<String> rows = new ArrayList<>();
    for (Page page : pages) {
      double[] prf = scoreShingles(List.of(page), extract);
      rows.add(String.format(Locale.ROOT, "P=%.2f R=%.2f %s %s", prf[0], prf[1], page.id().substring(0, 8), page.url()));
    }
    rows.sort(java.util.Comparator.comparingDouble(r -> Math.min(Double.parseDouble(r.substring(2, 6)),
        Double.parseDouble(r.substring(9, 13)))));
    rows.subList(0, Math.min(n, rows.size())).forEach(System.out::println);
  }

  /**
   * Diagnostics on the trafilatura pages: every must-have snippet the extractor lost and every must-not-have
   * snippet it kept, each marked with whether the whole page text has it (a snippet the page text lacks is lost to
   * parsing or normalisation, not to boilerplate removal).
   */
  /**
   * Where the lost must-have snippets sit, counted by the tag of the element holding them and by whether they are
   * near the extracted text (sharing an ancestor at most three levels above where the output starts) or elsewhere
   * on the page: tells a rule that drops blocks inside the container from a wrong container. With a key ("near p"),
   * also prints each of those snippets and where it sits.
   */
  static void where(List<Page> pages, Function<Page, String> extract, String show) {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    for (Page page : pages) {
      String out = normalize(outputOf(extract, page));
      Document doc = Jsoup.parse(new String(page.html(), java.nio.charset.StandardCharsets.UTF_8));
      org.jsoup.nodes.Element start = out.isEmpty() ? null : deepestContaining(doc, out.substring(0, Math.min(25, out.length())));
      for (JsonNode s : page.truth().path("with")) {
        String want = normalize(s.asText());
        if (want.isEmpty() || out.contains(want)) {
          continue;
        }
        org.jsoup.nodes.Element at = deepestContaining(doc, want.substring(0, Math.min(25, want.length())));
        String place = out.isEmpty() ? "no output" : at == null ? "not in page text"
            : start == null ? "output start not located" : near(at, start) ? "near" : "elsewhere";
        String key = place + " " + (at == null ? "-" : at.tagName());
        counts.merge(key, 1, Integer::sum);
        if (key.equals(show)) {
          StringBuilder chain = new StringBuilder();
          org.jsoup.nodes.Element e = at;
          for (int i = 0; i < 4 && e != null; i++, e = e.parent()) {
            chain.insert(0, " > " + e.tagName() + (e.className().isEmpty() ? "" : "." + e.className().replace(' ', '.')));
          }
          System.out.println(page.id() + "\n  lost " + abbreviate(want) + "\n    at" + chain);
        }
      }
    }
    counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> System.out.printf(Locale.ROOT, "%5d %s%n", e.getValue(), e.getKey()));
  }

  private static org.jsoup.nodes.Element deepestContaining(Document doc, String probe) {
    org.jsoup.nodes.Element deepest = null;
    for (org.jsoup.nodes.Element e : doc.getAllElements()) {
      if (normalize(e.text()).contains(probe)) {
        deepest = e;
      }
    }
    return deepest;
  }

  private static boolean near(org.jsoup.nodes.Element a, org.jsoup.nodes.Element outputStart) {
    org.jsoup.nodes.Element up = outputStart;
    for (int i = 0; i < 3 && up.parent() != null && !"body".equals(up.tagName()); i++) {
      up = up.parent();
    }
    for (org.jsoup.nodes.Element e = a; e != null; e = e.parent()) {
      if (e == up) {
        return true;
      }
    }
    return false;
  }

  static void misses(List<Page> pages, Function<Page, String> extract, Function<Page, String> whole) {
    int lost = 0;
    int lostAnyway = 0;
    int kept = 0;
    for (Page page : pages) {
      String out = normalize(outputOf(extract, page));
      String all = normalize(whole.apply(page));
      List<String> lines = new ArrayList<>();
      for (JsonNode s : page.truth().path("with")) {
        String want = normalize(s.asText());
        if (!out.contains(want)) {
          lost++;
          lostAnyway += all.contains(want) ? 0 : 1;
          lines.add("  - lost" + (all.contains(want) ? " " : " (not in page text) ") + abbreviate(want));
        }
      }
      for (JsonNode s : page.truth().path("without")) {
        String unwanted = normalize(s.asText());
        if (out.contains(unwanted)) {
          kept++;
          lines.add("  + kept " + abbreviate(unwanted));
        }
      }
      if (!lines.isEmpty()) {
        System.out.println(page.id() + " (output " + out.length() + " chars)");
        lines.forEach(System.out::println);
      }
    }
    System.out.printf(Locale.ROOT, "lost %d must-have snippets (%d not in the page text either), kept %d must-not-have%n",
        lost, lostAnyway, kept);
  }

  /** Diagnostics: for each lost snippet of the pages whose id contains {@code idPart}, where it sits in the page. */
  static void why(List<Page> pages, Function<Page, String> extract, String idPart) {
    for (Page page : pages) {
      if (!page.id().contains(idPart)) {
        continue;
      }
      String out = normalize(outputOf(extract, page));
      Document doc = Jsoup.parse(new String(page.html(), java.nio.charset.StandardCharsets.UTF_8));
      System.out.println(page.id() + "\n  output: " + abbreviate(out));
      List<String> wanted = new ArrayList<>();
      wanted.add("=" + out.substring(0, Math.min(40, out.length())));
      page.truth().path("with").forEach(s -> wanted.add(normalize(s.asText())));
      for (String want : wanted) {
        if (want.startsWith("=")) {
          want = want.substring(1);
        } else if (out.contains(want)) {
          continue;
        }
        if (want.isEmpty()) {
          continue;
        }
        String probe = want.substring(0, Math.min(25, want.length()));
        org.jsoup.nodes.Element deepest = deepestContaining(doc, probe);
        StringBuilder chain = new StringBuilder();
        for (org.jsoup.nodes.Element e = deepest; e != null; e = e.parent()) {
          chain.insert(0, " > " + e.tagName() + (e.id().isEmpty() ? "" : "#" + e.id())
              + (e.className().isEmpty() ? "" : "." + e.className().replace(' ', '.')));
        }
        System.out.println("  - " + (out.startsWith(want) ? "output starts " : "lost ") + abbreviate(want) + "\n      at" + chain);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 110 ? s : s.substring(0, 110) + "…";
  }

  /** Precision, recall, F1 over 4-gram token shingles, as the Scrapinghub benchmark computes them. */
  static double[] scoreShingles(List<Page> pages, Function<Page, String> extract) {
    double precisionSum = 0;
    int precisionPages = 0;
    double recallSum = 0;
    for (Page page : pages) {
      Map<String, Integer> truth = shingles(page.truth().get("articleBody").asText());
      Map<String, Integer> predicted = shingles(outputOf(extract, page));
      int tp = 0;
      for (Map.Entry<String, Integer> e : predicted.entrySet()) {
        tp += Math.min(e.getValue(), truth.getOrDefault(e.getKey(), 0));
      }
      int predictedTotal = predicted.values().stream().mapToInt(Integer::intValue).sum();
      int truthTotal = truth.values().stream().mapToInt(Integer::intValue).sum();
      if (predictedTotal > 0) {
        precisionSum += (double) tp / predictedTotal;
        precisionPages++;
      }
      recallSum += truthTotal == 0 ? 1.0 : (double) tp / truthTotal;
    }
    double p = precisionPages == 0 ? 0 : precisionSum / precisionPages;
    double r = recallSum / pages.size();
    return new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
  }

  static Map<String, Integer> shingles(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    Map<String, Integer> result = new HashMap<>();
    if (tokens.isEmpty()) {
      return result;
    }
    if (tokens.size() < 4) {
      result.put(String.join(" ", tokens), 1);
      return result;
    }
    for (int i = 0; i + 4 <= tokens.size(); i++) {
      result.merge(String.join(" ", tokens.subList(i, i + 4)), 1, Integer::sum);
    }
    return result;
  }

  /** Precision, recall, F1 over must-have and must-not-have snippets, as trafilatura's evaluation computes them. */
  static double[] scoreSnippets(List<Page> pages, Function<Page, String> extract) {
    int tp = 0;
    int fn = 0;
    int fp = 0;
    for (Page page : pages) {
      String output = normalize(outputOf(extract, page));
      for (JsonNode s : page.truth().path("with")) {
        if (output.contains(normalize(s.asText()))) {
          tp++;
        } else {
          fn++;
        }
      }
      for (JsonNode s : page.truth().path("without")) {
        if (output.contains(normalize(s.asText()))) {
          fp++;
        }
      }
    }
    double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    return new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
  }

  private static String normalize(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  private static final int ROUNDS = 7;

  /**
   * Pages per second on this thread of the extractor and of the baseline: two warm-up passes each, then seven
   * rounds of at least 1.5 s each, the two taking turns so that the machine's slow spells (a shared 2-core VM
   * varies by a factor of 1.5 between runs) fall on both; the median round of each.
   */
  static double[] speeds(List<Page> pages, Function<Page, String> ours, Function<Page, String> baseline) {
    for (int i = 0; i < 2; i++) {
      round(pages, ours, 0);
      round(pages, baseline, 0);
    }
    double[] oursRounds = new double[ROUNDS];
    double[] baselineRounds = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      oursRounds[r] = round(pages, ours, 1_500_000_000L);
      baselineRounds[r] = round(pages, baseline, 1_500_000_000L);
    }
    java.util.Arrays.sort(oursRounds);
    java.util.Arrays.sort(baselineRounds);
    System.out.printf(Locale.ROOT, "  (rounds, pages/s: mediamon %.0f-%.0f, baseline %.0f-%.0f)%n", oursRounds[0],
        oursRounds[ROUNDS - 1], baselineRounds[0], baselineRounds[ROUNDS - 1]);
    return new double[] {oursRounds[ROUNDS / 2], baselineRounds[ROUNDS / 2]};
  }

  /** Passes over all pages until {@code nanos} have passed (at least one pass); pages per second. */
  private static double round(List<Page> pages, Function<Page, String> extract, long nanos) {
    int checksum = 0;
    long start = System.nanoTime();
    long done = 0;
    do {
      for (Page p : pages) {
        checksum += outputOf(extract, p).length();
      }
      done += pages.size();
    } while (System.nanoTime() - start < nanos);
    blackhole += checksum;
    return done / ((System.nanoTime() - start) / 1e9);
  }

  /** The extractor's text for a page; a page it refuses (an exception) counts as empty output. */
  private static String outputOf(Function<Page, String> extract, Page p) {
    try {
      return extract.apply(p);
    } catch (RuntimeException e) {
      return "";
    }
  }


  /** The whole page's visible text: what a reader without extraction gets. */
  static String wholePageText(byte[] html) {
    Document doc = Jsoup.parse(new String(html, java.nio.charset.StandardCharsets.UTF_8));
    doc.select("script, style, noscript, template").remove();
    return doc.body() == null ? "" : doc.body().wholeText();
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }
}
