package io.mediamon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.ingest.IngestException;
import io.mediamon.schemas.RawDocument;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

public class NewsSitemapReaderTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private final NewsSitemapReader reader = new NewsSitemapReader();

  public static String newsSitemap(String... urls) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">" + String.join("", urls) + "</urlset>";
  }

  public static String newsUrl(String loc, String title, String date, String language) {
    return "<url><loc>" + loc + "</loc><news:news><news:publication><news:name>Lomé Actu</news:name>"
        + "<news:language>" + language + "</news:language></news:publication>"
        + "<news:publication_date>" + date + "</news:publication_date><news:title>" + title + "</news:title>"
        + "<news:keywords>Niger, Russie</news:keywords></news:news></url>";
  }

  @Test
  void shouldReadTheNewsExtensionAndKeepOnlyTheWindow() throws Exception {
    byte[] xml = newsSitemap(
        newsUrl("https://lomeactu.example/niger", "Niger : La Russie s’installe", "2026-12-06T09:30:00Z", "fr"),
        newsUrl("https://lomeactu.example/old", "Vieille nouvelle", "2026-11-01T09:30:00Z", "fr"),
        "<url><loc>https://lomeactu.example/about</loc></url>").getBytes(StandardCharsets.UTF_8);

    NewsSitemapReader.Sitemap sitemap = reader.read(xml, "https://lomeactu.example/news-sitemap.xml", "application/xml",
        NOW, NOW.minusSeconds(2 * 86400));

    assertThat(sitemap.documents()).hasSize(1);
    assertThat(sitemap.skipped()).isEqualTo(2);
    RawDocument doc = sitemap.documents().get(0);
    assertThat(doc.getTitle()).isEqualTo("Niger : La Russie s’installe");
    assertThat(doc.getUrl()).isEqualTo("https://lomeactu.example/niger");
    assertThat(doc.getPublishedAt()).isEqualTo(Instant.parse("2026-12-06T09:30:00Z"));
    assertThat(doc.getOrigin().getSiteName()).isEqualTo("Lomé Actu");
    assertThat(doc.getOrigin().getFeedUrl()).isEqualTo("https://lomeactu.example/news-sitemap.xml");
    assertThat(doc.getAttributes()).containsEntry("feed.language", "fr").containsEntry("feed.content", "none");
    assertThat(doc.getCategories()).containsExactly("Niger", "Russie");
  }

  @Test
  void shouldListTheChildrenOfAnIndexModifiedWithinTheWindow() throws Exception {
    byte[] xml = ("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + "<sitemap><loc>https://news.example/sitemap-today.xml</loc><lastmod>2026-12-06</lastmod></sitemap>"
        + "<sitemap><loc>https://news.example/sitemap-2019.xml</loc><lastmod>2019-01-01</lastmod></sitemap>"
        + "<sitemap><loc>https://news.example/sitemap-undated.xml</loc></sitemap></sitemapindex>")
        .getBytes(StandardCharsets.UTF_8);
    NewsSitemapReader.Sitemap index = reader.read(xml, "https://news.example/sitemap.xml", null, NOW,
        NOW.minusSeconds(2 * 86400));
    assertThat(index.documents()).isEmpty();
    assertThat(index.children()).extracting(c -> c.url().toString())
        .containsExactly("https://news.example/sitemap-today.xml", "https://news.example/sitemap-undated.xml");
  }

  @Test
  void shouldReadAGzippedSitemap() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(newsSitemap(newsUrl("https://news.example/a", "Headline", "2026-12-06T08:00:00Z", "en"))
          .getBytes(StandardCharsets.UTF_8));
    }
    NewsSitemapReader.Sitemap sitemap = reader.read(bytes.toByteArray(), "https://news.example/sitemap.xml.gz",
        "application/x-gzip", NOW, null);
    assertThat(sitemap.documents()).extracting(RawDocument::getTitle).containsExactly("Headline");
  }

  @Test
  void shouldRefuseAMalformedSitemapWithItsReason() {
    assertThatThrownBy(() -> reader.read("<urlset><url><loc>https://x.example/".getBytes(StandardCharsets.UTF_8),
        "https://x.example/sitemap.xml", "text/xml", NOW, null))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("malformed sitemap https://x.example/sitemap.xml")
        .satisfies(e -> assertThat(((IngestException) e).stage()).isEqualTo("ingest.parse-sitemap"));
  }
}
