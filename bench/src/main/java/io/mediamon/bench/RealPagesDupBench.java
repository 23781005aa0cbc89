package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediamon.common.Settings;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.Extractor;
import io.mediamon.enrich.tag.LanguageIdentifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Near-duplicate detection on real pages, a second labelled set on another corpus than the one the parameters were
 * chosen on: the trafilatura evaluation pages (news, blogs, company and government pages of many sites, mostly in
 * German), each read by the HTML extractor as enrich reads it. Nothing was tuned on this set.
 *
 * <ul>
 *   <li>Positives: each page against its article republished on another outlet's page (other navigation, headline,
 *       byline, sidebar and footer), as it is, with 5 % of its words edited, and cut after 60 % of its words at the
 *       end of the sentence; the English, Spanish and French pages also against their machine translation
 *       (Apertium, committed in {@code syndication/trafilatura-translated.json}). The copies are HTML and go through
 *       the extractor too.
 *   <li>Negatives: every pair of distinct pages, and every page against every other page's translation, judged by
 *       the word bands and, for two texts each in one language throughout and not the same one, by the anchor bands,
 *       as the topology judges them. Pages of one site share what the extractor leaves of their chrome; pages on one
 *       subject share names and numbers across languages. Judged pairs are listed, for reading, with their estimate
 *       (upstream keeps archived versions of some pages, which would be true copies).
 * </ul>
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.RealPagesDupBench</pre>
 */
public final class RealPagesDupBench {
  private static final Pattern WORD = Pattern.compile("\\S+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?…](?=\\s|$)|\\n");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Apertium pair by language of the original: each translated into a language the set's pages are not. */
  private static final Map<String, String> TRANSLATION_PAIRS = Map.of("en", "eng-spa", "es", "spa-eng", "fr", "fr-es");
  /**
   * Pairs of distinct pages of the corpus that carry one story, found by reading every pair whose exact word
   * 3-shingle containment is 0.2 or more (scratch count over the extracted texts): there is one. They are not
   * negatives, and are reported apart.
   */
  private static final Map<String, String> SAME_STORY = Map.of(
      "24horas.cl-segundo.html | cooperativa.cl-presidente.html",
      "one EFE wire story on two Chilean sites, the second rewritten in places and longer "
          + "(exact Jaccard 0.44, containment 0.71)");
  private static final String TRANSLATIONS = "/syndication/trafilatura-translated.json";
  private static final String[] KINDS = {"another outlet's page", "5% of words edited", "cut to 60% of its words",
    "translated (en to es, es to en, fr to es)"};

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.defaults(Map.of());
    Pages pages = Pages.read(Corpora.root(), settings);
    System.out.printf(Locale.ROOT, "%d pages, %d with enough words to sign; languages %s%n", pages.read,
        pages.articles.size(), languageCounts(pages.articles));
    // exec:exec passes -Dbench.args as one argument: "texts FILE" may come as one word or two
    String[] words = String.join(" ", args).strip().split("\\s+");
    if (words.length == 2 && words[0].equals("texts")) {
      writeTextsToTranslate(pages.articles, Path.of(words[1]));
      return;
    }
    evaluate(pages, settings).print();
  }

  /** The corpus's pages as the dedup step sees them, with what read them. */
  record Pages(int read, List<Article> articles, Extractor extractor, LanguageIdentifier languages) {
    static Pages read(Path corpora, Settings settings) throws IOException {
      Extractor extractor = new Extractor(settings.bytes("ingest.max.body.bytes"));
      LanguageIdentifier languages = EnrichApp.languages(settings);
      List<Article> articles = new ArrayList<>();
      List<ExtractionBench.Page> pages = ExtractionBench.trafilatura(corpora);
      for (ExtractionBench.Page page : pages) {
        Extraction x = extractor.extract(page.html(), "text/html", null, page.url(), null, null);
        if (MinHasher.hasEnoughWords(x.text())) {
          articles.add(Article.of(page.truth().get("file").asText(), x, languages));
        }
      }
      return new Pages(pages.size(), articles, extractor, languages);
    }
  }

  /** What the set's copies and negative pairs came to. */
  record Evaluation(int[] copies, int[] found, List<String> missed, List<String> sameStory, int negatives,
      int acrossLanguages, int translationNegatives, List<String> judgedPairs, List<String> sharingBand,
      double threshold) {
    Scores scores() {
      return new Scores(found, copies, judgedPairs.size());
    }

    void print() {
      for (int k = 0; k < KINDS.length; k++) {
        System.out.printf(Locale.ROOT, "  recall, %-40s %.3f (%d/%d)%n", KINDS[k], (double) found[k] / copies[k],
            found[k], copies[k]);
      }
      missed.forEach(m -> System.out.println("    missed: " + m));
      sameStory.forEach(System.out::println);
      System.out.printf(Locale.ROOT, "precision %.4f, recall %.3f (%d/%d); negatives: %d pairs of distinct pages (%d "
          + "across languages, both in one language throughout) and %d of a page and another's translation; judged "
          + "copies %d%n", scores().precision(), scores().recall(), scores().truePositives(), scores().positives(),
          negatives, acrossLanguages, translationNegatives, judgedPairs.size());
      judgedPairs.forEach(p -> System.out.println("    judged: " + p));
      System.out.printf(Locale.ROOT, "distinct pages meeting in a word band (compared there by the estimate, "
          + "threshold %.2f): %d pairs%n", threshold, sharingBand.size());
      sharingBand.forEach(p -> System.out.println("    " + p));
    }
  }

  /** Judges every copy and every negative pair of the set with the shipped dedup settings. */
  static Evaluation evaluate(Pages pages, Settings settings) throws IOException {
    double threshold = settings.decimal("enrich.dedup.near.threshold");
    List<Article> articles = pages.articles;
    JsonNode translations = JSON.readTree(RealPagesDupBench.class.getResource(TRANSLATIONS));
    Random random = new Random(42);
    int[] copies = new int[KINDS.length];
    int[] found = new int[KINDS.length];
    List<String> missed = new ArrayList<>();
    Map<Integer, Article> translated = new TreeMap<>();
    for (int i = 0; i < articles.size(); i++) {
      Article original = articles.get(i);
      JsonNode translation = translations.get(original.file);
      String[] variants = {
        original.text, NearDupBench.edit(original.text, 0.05, random), cutAtSentence(original.text, 0.6),
        // translated from the text as extracted when the set was made; only if the page still reads as that language
        translation != null && translation.get("language").asText().equals(original.language)
            ? translation.get("articleBody").asText() : null};
      for (int k = 0; k < variants.length; k++) {
        if (variants[k] == null) {
          continue;
        }
        copies[k]++;
        Extraction x = pages.extractor.extract(republished(variants[k]).getBytes(StandardCharsets.UTF_8), "text/html",
            null, "https://other-outlet.example/news/" + k, null, null);
        Article copy = Article.of(original.file + " copy", x, pages.languages);
        if (k == 3) {
          translated.put(i, copy);
        }
        if (judged(original, copy, threshold) != null) {
          found[k]++;
        } else {
          missed.add(String.format(Locale.ROOT, "%s (%s, %d words): %s, word estimate %.2f%s", original.file,
              original.language, original.text.split("\\s+").length, KINDS[k],
              copy.wordEstimate(original),
              k == 3 ? "; " + whyNotAcrossLanguages(original, copy) : ""));
        }
      }
    }

    int negatives = 0;
    int acrossLanguages = 0;
    List<String> sameStory = new ArrayList<>();
    List<String> judgedPairs = new ArrayList<>();
    // how close distinct pages come: those meeting in a word band are compared there, by the estimate
    List<String> sharingBand = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      for (int j = i + 1; j < articles.size(); j++) {
        Article b = articles.get(j);
        String story = SAME_STORY.get(a.file + " | " + b.file);
        if (story != null) {
          sameStory.add(String.format(Locale.ROOT, "same story on two sites, in the corpus: %s | %s, %s: judged %s, "
              + "word estimate %.2f", a.file, b.file, story, judged(a, b, threshold) != null ? "a copy" : "distinct",
              b.wordEstimate(a)));
          continue;
        }
        negatives++;
        acrossLanguages += a.anchored() && b.anchored() && !a.language.equals(b.language) ? 1 : 0;
        judgedPairs.addAll(judgedPair(a, b, threshold));
        if (NearDupBench.shareBand(a.words.values(), b.words.values())) {
          sharingBand.add(String.format(Locale.ROOT, "%s | %s, Jaccard estimate %.2f, shingles %d and %d", a.file,
              b.file, b.wordEstimate(a),
              a.words.shingles(), b.words.shingles()));
        }
      }
    }
    int translationNegatives = 0;
    for (Map.Entry<Integer, Article> t : translated.entrySet()) {
      for (int i = 0; i < articles.size(); i++) {
        if (i != t.getKey()) {
          translationNegatives++;
          judgedPairs.addAll(judgedPair(articles.get(i), t.getValue(), threshold));
        }
      }
    }
    return new Evaluation(copies, found, missed, sameStory, negatives, acrossLanguages, translationNegatives,
        judgedPairs, sharingBand, threshold);
  }

  private static String whyNotAcrossLanguages(Article original, Article translation) {
    if (!original.throughout || !translation.throughout || translation.language == null
        || translation.language.equals(original.language)) {
      return String.format(Locale.ROOT, "not each in one language throughout (%s%s, %s%s)", original.language,
          original.throughout ? "" : " in part", translation.language, translation.throughout ? "" : " in part");
    }
    return CrossLanguage.whyNot(original.anchors, translation.anchors);
  }

  /** The pair, described, if the topology would judge {@code b} a copy of {@code a}; else nothing. */
  private static List<String> judgedPair(Article a, Article b, double threshold) {
    String method = judged(a, b, threshold);
    return method == null ? List.of() : List.of(String.format(Locale.ROOT, "%s | %s (%s, %s; %s, word estimate %.2f)",
        a.file, b.file, a.language, b.language, method,
        b.wordEstimate(a)));
  }

  /**
   * The texts {@code tools/translations/translate.py} translates for the set, with the Apertium pair for each: the
   * English, Spanish and French pages (this machine's Apertium pairs; none translates German).
   */
  private static void writeTextsToTranslate(List<Article> articles, Path out) throws IOException {
    ObjectNode texts = JSON.createObjectNode();
    for (Article a : articles) {
      String pair = TRANSLATION_PAIRS.get(a.language);
      if (pair != null) {
        texts.putObject(a.file).put("language", a.language).put("pair", pair).put("articleBody", a.text);
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), texts);
    System.out.printf(Locale.ROOT, "%d texts to translate written to %s%n", texts.size(), out);
  }

  /** How the topology would judge {@code probe} against {@code member}: "words", "anchors", or null. */
  private static String judged(Article member, Article probe, double threshold) {
    if (NearDupBench.duplicate(member.words.values(), probe.words.values(), member.words.shingles(),
        probe.words.shingles(), threshold)) {
      return "words";
    }
    boolean acrossLanguages = member.anchored() && probe.anchored() && !member.language.equals(probe.language);
    return acrossLanguages && (CrossLanguage.copy(member.anchors, probe.anchors)
        || CrossLanguage.copy(probe.anchors, member.anchors)) ? "anchors" : null;
  }

  /**
   * The text cut after {@code share} of its words, at the end of that sentence (or paragraph): a copy trimmed to fit,
   * as wire copy is. Whole paragraphs, as the Scrapinghub set cuts, do not work here: the extractor reads many of
   * these pages as a heading and one long block.
   */
  static String cutAtSentence(String text, double share) {
    Matcher words = WORD.matcher(text);
    int total = 0;
    while (words.find()) {
      total++;
    }
    int keep = (int) Math.round(total * share);
    words.reset();
    int end = text.length();
    for (int n = 0; n < keep && words.find(); n++) {
      end = words.end();
    }
    Matcher sentenceEnd = SENTENCE_END.matcher(text);
    return text.substring(0, sentenceEnd.find(Math.max(0, end - 1)) ? sentenceEnd.end() : text.length()).strip();
  }

  /** The article's paragraphs on another outlet's page: its own navigation, headline, byline, sidebar and footer. */
  static String republished(String text) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + "<title>Another headline for the same story | The Other Gazette</title></head><body>"
        + "<header><a href=\"/\">The Other Gazette</a><nav><ul><li><a href=\"/world\">World</a></li>"
        + "<li><a href=\"/politics\">Politics</a></li><li><a href=\"/business\">Business</a></li>"
        + "<li><a href=\"/sport\">Sport</a></li><li><a href=\"/culture\">Culture</a></li></ul></nav></header>"
        + "<main><article><h1>Another headline for the same story</h1>"
        + "<p class=\"byline\">By Our Staff, with agencies</p>");
    for (String paragraph : text.split("\n+")) {
      html.append("<p>").append(Entities.escape(paragraph)).append("</p>");
    }
    html.append("</article><aside><h2>Most read</h2><ul>"
        + "<li><a href=\"/a\">Council votes on the new budget after a long night</a></li>"
        + "<li><a href=\"/b\">Storm warning for the coast this weekend</a></li>"
        + "<li><a href=\"/c\">Five things to know before the markets open</a></li></ul></aside></main>"
        + "<footer><p>Subscribe to our newsletter for the day's news in your inbox.</p>"
        + "<p>© 2026 The Other Gazette. All rights reserved.</p><a href=\"/privacy\">Privacy</a> "
        + "<a href=\"/contact\">Contact</a></footer></body></html>");
    return html.toString();
  }

  private static Map<String, Integer> languageCounts(List<Article> articles) {
    Map<String, Integer> counts = new TreeMap<>();
    articles.forEach(a -> counts.merge(a.language == null ? "?" : a.language, 1, Integer::sum));
    return counts;
  }

  /** A page as the dedup step sees it: its text, language, word signature and anchor signature. */
  record Article(String file, String text, String language, boolean throughout, MinHasher.Signature words,
      MinHasher.Signature anchors) {
    static Article of(String file, Extraction x, LanguageIdentifier languages) {
      String language = languages.identify((x.title() == null ? "" : x.title() + "\n") + x.text());
      return new Article(file, x.text(), language, languages.throughout(x.text(), language),
          MinHasher.sign(x.text()), CrossLanguageSigner.sign(x.text()));
    }

    /** The Jaccard estimate the band stage makes of this text against {@code member}, stored as a sketch. */
    double wordEstimate(Article member) {
      return MinHasher.similarity(words.values(), MinHasher.compact(member.words.values()));
    }

    /** Whether the page goes to the anchor bands: in one known language throughout, with enough anchors. */
    boolean anchored() {
      return language != null && throughout && CrossLanguageSigner.signable(anchors);
    }
  }
}
