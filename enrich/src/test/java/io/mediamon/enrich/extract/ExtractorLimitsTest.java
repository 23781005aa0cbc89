package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pathological inputs end with a result or a clear error. The timeouts are hang guards (a stuck parser would
 * otherwise stall the build), far above the real cost; speed is measured in the benchmarks, not here.
 */
class ExtractorLimitsTest {
  private final Extractor extractor = new Extractor(8L * 1024 * 1024);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldExtractFromATwentyMegabytePageWithinTheCharacterCap() {
    StringBuilder html = new StringBuilder("<html><head><title>Big page</title></head><body><article>");
    String paragraph = "<p>The council met on Tuesday to discuss the budget for the coming year, and agreed on most points.</p>";
    while (html.length() < 20 * 1024 * 1024) {
      html.append(paragraph);
    }
    html.append("</article></body></html>");
    Extraction x = extractor.extract(html.toString().getBytes(StandardCharsets.UTF_8), "text/html", null, null, null, null);
    assertThat(x.title()).isEqualTo("Big page");
    assertThat(x.text()).startsWith("The council met on Tuesday");
    assertThat(x.text().length()).isLessThanOrEqualTo(8 * 1024 * 1024);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldSurviveAPageNestedTenThousandLevelsDeep() {
    String html = "<html><body>" + "<div>".repeat(10_000)
        + "<p>Deep inside, a sentence of the article that says something worth reading about the world.</p>"
        + "</div>".repeat(10_000) + "</body></html>";
    Extraction x = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", null, null, null, null);
    assertThat(x.text()).contains("Deep inside, a sentence of the article");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseABinaryFileWithAClearError() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
    assertThatThrownBy(() -> extractor.extract(png, null, null, null, null, null))
        .isInstanceOf(UnsupportedContentException.class)
        .hasMessageContaining("binary content");
  }

  @Test
  void shouldReadTitleAuthorsDateAndCanonicalFromPageMetadata() {
    String html = """
        <html lang="en-GB"><head><title>Storm hits coast - The Daily Example</title>
        <link rel="canonical" href="https://example.com/news/storm">
        <meta property="og:site_name" content="The Daily Example">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm hits coast",
          "datePublished":"2024-02-03T08:15:00+01:00","author":[{"@type":"Person","name":"Jane Doe"}]}</script>
        <script>var notADate = "2019-01-01";</script>
        </head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article><h1>Storm hits coast</h1>
        <p>A storm hit the coast overnight, cutting power to thousands of homes and closing two main roads.</p>
        <p>Emergency services said no one was hurt, though several boats broke from their moorings.</p></article>
        <footer>© 2024 The Daily Example</footer></body></html>""";
    Extraction x = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", null, null, null, null);
    assertThat(x.title()).isEqualTo("Storm hits coast");
    assertThat(x.authors()).containsExactly("Jane Doe");
    assertThat(x.publishedAt()).isEqualTo(Instant.parse("2024-02-03T07:15:00Z"));
    assertThat(x.canonicalUrl()).isEqualTo("https://example.com/news/storm");
    assertThat(x.siteName()).isEqualTo("The Daily Example");
    assertThat(x.languageHint()).isEqualTo("en");
    assertThat(x.text()).isEqualTo("A storm hit the coast overnight, cutting power to thousands of homes and closing two "
        + "main roads.\n\nEmergency services said no one was hurt, though several boats broke from their moorings.");
  }
}
