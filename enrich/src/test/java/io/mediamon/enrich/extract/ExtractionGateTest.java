package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The gate for extraction changes meant to change nothing: 30 saved real pages (see
 * {@code extraction-gate/README.md}) must extract exactly as recorded in {@code expected.jsonl}: every field (title, times, authors,
 * language, canonical URL, site name, lead image, dateline, text and links). {@code -Dextraction.gate.update=true} records the current output.
 */
class ExtractionGateTest {
  private static final Path GATE = Path.of("src/test/resources/extraction-gate");
  private static final Instant REFERENCE = Instant.parse("2026-12-07T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldExtractTheSavedPagesExactlyAsRecorded() throws IOException {
    HtmlExtractor extractor = new HtmlExtractor();
    List<String> actual = new ArrayList<>();
    for (String line : Files.readAllLines(GATE.resolve("pages.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t");
      String html;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(GATE.resolve("pages").resolve(cols[0])))) {
        html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Extraction x = extractor.extract(html, cols[1], REFERENCE);
      ObjectNode out = JSON.createObjectNode().put("file", cols[0]).put("title", x.title())
          .put("published", x.publishedAt() == null ? null : x.publishedAt().toString())
          .put("modified", x.modifiedAt() == null ? null : x.modifiedAt().toString())
          .put("language", x.languageHint()).put("canonical_url", x.canonicalUrl()).put("site_name", x.siteName())
          .put("lead_image", x.leadImage()).put("dateline", String.valueOf(x.dateline())).put("text", x.text());
      x.authors().forEach(out.putArray("authors")::add);
      x.links().forEach(out.putArray("links")::add);
      actual.add(JSON.writeValueAsString(out));
    }
    assertThat(actual).hasSize(30);
    Path expected = GATE.resolve("expected.jsonl");
    if (Boolean.getBoolean("extraction.gate.update")) {
      Files.write(expected, actual);
    }
    List<String> recorded = Files.readAllLines(expected);
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i)).as("page %d of the gate", i + 1).isEqualTo(recorded.get(i));
    }
  }
}
