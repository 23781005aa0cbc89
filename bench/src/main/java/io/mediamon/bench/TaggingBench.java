package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.common.Settings;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.tag.Gazetteer;
import io.mediamon.enrich.tag.LanguageIdentifier;
import io.mediamon.enrich.tag.LinkedPostParser;
import io.mediamon.enrich.tag.Tagger;
import io.mediamon.enrich.tag.Tokenizer;
import io.mediamon.enrich.tag.TopicClassifier;
import io.mediamon.enrich.tag.Watchlist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the whole tagging step (language, places and countries, people and organisations, topics, linked
 * posts) on real article texts, one thread, after warm-up; and the heap its data takes.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.TaggingBench</pre>
 */
public final class TaggingBench {
  private static final int WARM_UP_ROUNDS = 15;

  public static void main(String[] args) throws Exception {
    List<String> texts = new ArrayList<>();
    JsonNode truth = new ObjectMapper().readTree(
        Corpora.root().resolve("article-extraction-scrapinghub/ground-truth.json").toFile());
    truth.forEach(page -> texts.add(page.get("articleBody").asText()));
    Path seed = Path.of("seeds/000_1d40934e40241a50.txt");
    if (Files.exists(seed)) {
      texts.add(Files.readString(seed));
    }
    long chars = texts.stream().mapToLong(String::length).sum();

    long before = Corpora.usedHeapAfterGc();
    Settings settings = Settings.defaults(Map.of());
    LanguageIdentifier languages = EnrichApp.languages(settings);
    Tagger tagger = new Tagger(Gazetteer.load(), Watchlist.load(null), TopicClassifier.load());
    LinkedPostParser posts = new LinkedPostParser();

    int sink = 0;
    // warm-up: Lingua loads its models lazily on first use, and the JIT compiler needs nearly 2,000 articles (with
    // three rounds, the measured rate still rose by a fifth from one run to the next in one JVM)
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      sink += run(texts, languages, tagger, posts);
    }
    long heap = Corpora.usedHeapAfterGc() - before;
    int rounds = 20;
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      sink += run(texts, languages, tagger, posts);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "tagging: %d articles (%.0f chars on average) x %d rounds: %.0f articles/s, "
        + "%.2f MB/s of text on one thread%n", texts.size(), (double) chars / texts.size(), rounds,
        texts.size() * rounds / seconds, chars * rounds / seconds / 1e6);
    System.out.printf(Locale.ROOT, "heap held by tagging data and language models: %.0f MB (checksum %d)%n",
        heap / 1024.0 / 1024.0, sink);

    // IPTC topics alone (tokenising and the lexicons), the language known: what the 1,000 articles/s target is about
    TopicClassifier topics = TopicClassifier.load();
    // only texts in a language with a lexicon: the others return at once and would flatter the rate
    List<String> lexiconTexts = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (String text : texts) {
      String language = languages.identify(text);
      if (topics.knows(language)) {
        lexiconTexts.add(text);
        known.add(language);
      }
    }
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      sink += topicsOnly(lexiconTexts, known, topics);
    }
    start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      sink += topicsOnly(lexiconTexts, known, topics);
    }
    seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "IPTC topics alone, %d articles in a language with a lexicon: %.0f articles/s on one "
        + "thread (checksum %d)%n", lexiconTexts.size(), lexiconTexts.size() * rounds / seconds, sink);
  }

  private static int topicsOnly(List<String> texts, List<String> languages, TopicClassifier topics) {
    int n = 0;
    for (int i = 0; i < texts.size(); i++) {
      n += topics.classify(Tokenizer.tokenize(texts.get(i)), languages.get(i)).size();
    }
    return n;
  }

  private static int run(List<String> texts, LanguageIdentifier languages, Tagger tagger, LinkedPostParser posts) {
    int n = 0;
    for (String text : texts) {
      String language = languages.identify(text);
      n += tagger.tag(null, text, language).getEvidence().size();
      n += posts.parse("https://x.com/AESinfos/status/1731688181177708622").isPresent() ? 1 : 0;
    }
    return n;
  }
}
