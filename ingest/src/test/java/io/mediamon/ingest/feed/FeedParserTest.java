package io.mediamon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.ingest.IngestException;
import io.mediamon.schemas.RawDocument;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedParserTest {
  private final FeedParser parser = new FeedParser();

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"billion-laughs.xml", "xxe.xml"})
  void shouldRefuseDoctypesSoEntitiesAreNeverExpandedOrFetched(String name) throws Exception {
    assertThatThrownBy(() -> parser.parse(resource(name), "file:///" + name, null, Instant.EPOCH))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("malformed feed file:///" + name)
        .hasMessageContaining("DOCTYPE")
        .satisfies(e -> assertThat(((IngestException) e).stage()).isEqualTo("ingest.parse-feed"));
  }

  @Test
  void shouldTurnEachEntryIntoARawDocumentWithItsFullContent() throws Exception {
    String rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Lomé Actu</title><link>https://lomeactu.example/</link><description>d</description>
        <item><title>Niger : La Russie s’installe</title><link>https://lomeactu.example/niger</link>
        <guid>https://lomeactu.example/?p=42</guid><pubDate>Wed, 06 Dec 2023 09:30:00 GMT</pubDate>
        <dc:creator>Rédaction</dc:creator><category>Afrique</category><description>Court résumé</description>
        <content:encoded><![CDATA[<p>Le texte complet de l'article.</p>]]></content:encoded></item>
        <item><title>Sans guid</title><link>https://lomeactu.example/autre</link><description>Résumé seul</description></item>
        </channel></rss>""";
    List<RawDocument> docs = parser.parse(rss.getBytes(StandardCharsets.UTF_8), "https://lomeactu.example/feed", null,
        Instant.parse("2023-12-06T10:00:00Z"));

    assertThat(docs).hasSize(2);
    RawDocument first = docs.get(0);
    assertThat(first.getTitle()).isEqualTo("Niger : La Russie s’installe");
    assertThat(first.getOrigin().getGuid()).isEqualTo("https://lomeactu.example/?p=42");
    assertThat(first.getOrigin().getFeedTitle()).isEqualTo("Lomé Actu");
    assertThat(first.getUrl()).isEqualTo("https://lomeactu.example/niger");
    assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2023-12-06T09:30:00Z"));
    assertThat(first.getAuthors()).containsExactly("Rédaction");
    assertThat(first.getCategories()).containsExactly("Afrique");
    assertThat(first.getSummary()).isEqualTo("Court résumé");
    assertThat(first.getFeedContent()).contains("Le texte complet de l'article.");
    // the body is for the article page, once fetched; the entry's own text travels beside it
    assertThat(first.getBody().remaining()).isZero();
    assertThat(docs.get(1).getFeedContent()).isNull();
    assertThat(docs.get(1).getSummary()).isEqualTo("Résumé seul");
    assertThat(docs.get(0).getId()).isNotEqualTo(docs.get(1).getId());
    // stable ids: the same entry of the same feed always gets the same id
    assertThat(parser.parse(rss.getBytes(StandardCharsets.UTF_8), "https://lomeactu.example/feed", null, Instant.EPOCH)
        .get(0).getId()).isEqualTo(first.getId());
  }

  @Test
  void shouldKeepNoUserNorPasswordOfAnEntryLinkOrOfTheFeedInTheRecord() throws Exception {
    String rss = """
        <rss version="2.0"><channel><title>Private</title><link>https://news.example/</link><description>d</description>
        <item><title>Behind a login</title><link>https://editor:s3cr3t@news.example/a</link></item>
        </channel></rss>""";
    RawDocument doc = parser.parse(rss.getBytes(StandardCharsets.UTF_8), "https://reader:s3cr3t@news.example/feed",
        null, Instant.EPOCH).get(0);
    assertThat(doc.getUrl()).isEqualTo("https://news.example/a");
    assertThat(doc.getOrigin().getUri()).isEqualTo("https://news.example/a");
    assertThat(doc.getOrigin().getFeedUrl()).isEqualTo("https://news.example/feed");
    assertThat(doc.toString()).doesNotContain("s3cr3t");
  }
}
