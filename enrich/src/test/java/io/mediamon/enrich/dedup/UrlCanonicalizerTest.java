package io.mediamon.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCanonicalizerTest {
  private final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();

  @ParameterizedTest
  @ValueSource(strings = {
      "https://www.example.com/news/niger-russia/",
      "http://example.com/news/niger-russia",
      "HTTPS://EXAMPLE.COM:443/news/niger-russia#comments",
      "https://m.example.com/news/niger-russia?utm_source=twitter&utm_medium=social",
      "https://example.com/news/niger-russia?fbclid=IwAR0abc&gclid=xyz",
      "https://example.com/news/niger-russia/amp",
      "https://amp.example.com/news/niger-russia.amp",
      "https://example.com/amp/news/niger-russia",
      // a canonical form is its own canonical form (found by ExtractorFuzzTest: one pass left /amp of /amp/amp/)
      "https://example.com/news/niger-russia/amp/amp/",
      "https://example.com/amp/amp/news/niger-russia/index.html/",
  })
  void shouldGiveEveryVariantOfAnArticleUrlOneSpelling(String url) {
    assertThat(canonicalizer.canonicalize(url)).isEqualTo("https://example.com/news/niger-russia");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/article?id=2&page=1", "https://example.com/article?page=1&id=2&utm_campaign=x"})
  void shouldKeepMeaningfulParametersInOneOrder(String url) {
    assertThat(canonicalizer.canonicalize(url)).isEqualTo("https://example.com/article?id=2&page=1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///tmp/a.txt", "ftp://example.com/a", "not a url", ""})
  void shouldRefuseWhatIsNotAWebUrl(String url) {
    assertThat(canonicalizer.canonicalize(url)).isNull();
  }
}
