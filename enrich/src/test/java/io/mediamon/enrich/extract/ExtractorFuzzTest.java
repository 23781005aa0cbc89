package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mediamon.enrich.dedup.UrlCanonicalizer;
import io.mediamon.testsupport.Mutator;
import io.mediamon.testsupport.SharedCorpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * A seeded fuzz pass over the extractors and the URL canonicaliser: real pages (the seed, built-in pages, and a few of
 * the shared corpus's when present) with random edits. No exception may escape, no case may take more than a few
 * seconds, and the canonical form of a URL is canonical (a second pass changes nothing). Bounded: a fixed number of
 * cases per target; a failure names the seed and the case.
 */
class ExtractorFuzzTest {
  private static final long SEED = 20261207L;
  private static final int CASES = 1_000;
  private static final Duration PER_CASE = Duration.ofSeconds(10);
  private static final Instant REFERENCE = Instant.parse("2023-12-06T12:00:00Z");

  @Test
  void htmlExtractionSurvivesMutatedPages() throws IOException {
    HtmlExtractor extractor = new HtmlExtractor();
    List<String> pages = pages();
    Mutator mutator = new Mutator(SEED);
    for (int i = 0; i < CASES; i++) {
      String page = mutator.mutate(pages.get(i % pages.size()));
      Extraction x = survive("html", i, () -> extractor.extract(page, "https://news.example/a/b?c=d", REFERENCE));
      assertThat(x).isNotNull();
    }
  }

  @Test
  void plainTextExtractionSurvivesMutatedTexts() throws IOException {
    PlainTextExtractor extractor = new PlainTextExtractor();
    String seed = Files.readString(SeedDocument.path());
    Mutator mutator = new Mutator(SEED + 1);
    for (int i = 0; i < CASES; i++) {
      String text = mutator.mutate(seed);
      String title = i % 3 == 0 ? mutator.noise(4) : null;
      assertThat(survive("plain text", i, () -> extractor.extract(text, title, REFERENCE))).isNotNull();
    }
  }

  @Test
  void canonicalUrlsAreCanonicalWhateverTheInput() {
    UrlCanonicalizer canonicalizer = new UrlCanonicalizer();
    List<String> urls = List.of("https://www.Example.COM:443/a/b/../c/?utm_source=x&b=2&a=1#frag",
        "http://m.news.example/2023/12/06/niger-russie/amp/?fbclid=1", "https://user:pw@news.example/a%20b?q=%zz",
        "https://[::1]:8080/x", "https://xn--lom-actu-b1a.example/article.html?id=42&id=41");
    Mutator mutator = new Mutator(SEED + 2);
    for (int i = 0; i < CASES * 3; i++) {
      String url = i % 4 == 3 ? mutator.noise(8) : mutator.mutate(urls.get(i % urls.size()));
      String canonical = survive("url", i, () -> canonicalizer.canonicalize(url));
      if (canonical != null) {
        assertThat(canonical).as("case %d: %s", i, url).startsWith("https://");
        assertThat(canonicalizer.canonicalize(canonical)).as("case %d: %s", i, url).isEqualTo(canonical);
      }
    }
  }

  /** Runs one case within {@link #PER_CASE}; any exception or overrun fails with the seed and case that reproduce it. */
  private static <T> T survive(String target, int i, ThrowingSupplier<T> run) {
    try {
      return assertTimeoutPreemptively(PER_CASE, run, () -> target + " case " + i + " of seed " + SEED + " ran over");
    } catch (RuntimeException | Error e) {
      if (e instanceof AssertionError && e.getMessage() != null && e.getMessage().contains("ran over")) {
        throw e;
      }
      return fail(target + " case " + i + " of seed " + SEED + " threw " + e, e);
    }
  }

  /** Built-in pages, and up to eight real ones from the shared corpus when it is present. */
  private static List<String> pages() throws IOException {
    List<String> pages = new ArrayList<>(List.of(
        "<html><head><title>Niger : la Russie s'installe</title><meta property=\"og:title\" content=\"Niger\">"
            + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Niger\","
            + "\"datePublished\":\"2023-12-06T08:00:00Z\",\"author\":{\"name\":\"A. B.\"}}</script></head><body>"
            + "<nav><a href=\"/\">Accueil</a></nav><article><h1>Niger : la Russie s'installe</h1><p class=\"byline\">"
            + "Par A. B.</p><p>NIAMEY, 6 décembre 2023 (Lomé Actu) – Une délégation russe est arrivée.</p><p>Le texte "
            + "continue sur plusieurs phrases, avec <a href=\"https://x.com/a/status/1\">un lien</a>.</p></article>"
            + "<aside>Lire aussi</aside><footer>© 2023</footer></body></html>",
        "<!DOCTYPE html><html lang=\"en\"><body><div class=\"content\"><p>One paragraph.</p><p>Two paragraphs, "
            + "each a sentence long enough to count as prose in any reasonable extractor.</p></div></body></html>"));
    Path corpora = SharedCorpora.find("article-extraction-scrapinghub");
    if (corpora != null) {
      try (Stream<Path> files = Files.list(corpora.resolve("article-extraction-scrapinghub/html"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".html.gz")).sorted().limit(8).toList()) {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            pages.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return pages;
  }
}
