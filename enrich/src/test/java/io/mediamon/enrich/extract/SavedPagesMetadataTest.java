package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.testsupport.SharedCorpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Title, publication date and author of saved pages from the trafilatura corpus (shared material, Apache-2.0
 * annotations), checked against the corpus's own annotations. The pages differ in language and in where the
 * metadata sits (JSON-LD, OpenGraph and article meta, byline elements); they are pages the extractor reads right
 * today, kept here so that a change that breaks one of these sources shows.
 */
class SavedPagesMetadataTest {
  private static final String CORPUS = "article-extraction-trafilatura";
  private final Extractor extractor = new Extractor(64L * 1024 * 1024);

  @ParameterizedTest
  @ValueSource(strings = {"californiaglobe.com.amazon.html", "netzpolitik.org.abmahnungen.html",
      "laviedesidees.fr.evaluation.html", "banyuetan.org.1000200033136171577956287380194268_1.html",
      "nymag.com.polarization.html", "motor1.de-erwischt.html"})
  void shouldReadTheAnnotatedTitleDateAndAuthor(String file) throws IOException {
    Path corpora = SharedCorpora.find(CORPUS);
    Assumptions.assumeTrue(corpora != null, "SKIPPED: ../shared/corpora is not present");
    Map.Entry<String, JsonNode> page = annotation(corpora.resolve(CORPUS), file);
    byte[] html;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(corpora.resolve(CORPUS).resolve("html/" + file + ".gz")))) {
      html = in.readAllBytes();
    }

    Extraction x = extractor.extract(html, "text/html", null, page.getKey(), null, null);

    JsonNode want = page.getValue();
    assertThat(x.title()).isEqualTo(want.get("title").asText());
    assertThat(x.publishedAt()).isNotNull();
    assertThat(x.publishedAt().toString()).startsWith(want.get("date").asText());
    assertThat(x.authors()).anySatisfy(author -> assertThat(author).containsIgnoringCase(want.get("author").asText()));
  }

  private static Map.Entry<String, JsonNode> annotation(Path corpus, String file) throws IOException {
    JsonNode all = new ObjectMapper().readTree(corpus.resolve("evaldata.json").toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (file.equals(e.getValue().path("file").asText())) {
        return e;
      }
    }
    throw new IllegalArgumentException("no annotation for " + file);
  }
}
