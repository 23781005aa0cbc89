package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.enrich.extract.Extractor;
import io.mediamon.enrich.extract.UnsupportedContentException;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.Origin;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each step of the fallback from the article page to the entry's content, its summary and its title. */
class EntryTextTest {
  private static final String PARAGRAPH = "The council voted on Tuesday to close the old bridge to lorries after "
      + "engineers found cracks in two of its piers, a decision that will send heavy traffic through the town "
      + "centre for at least a year while repairs are made.";
  private static final String PAGE = "<html><head><title>Bridge closed</title></head><body><nav>Home News</nav>"
      + "<article><h1>Bridge closed to lorries</h1><p>" + PARAGRAPH + "</p><p>" + PARAGRAPH + "</p></article>"
      + "</body></html>";
  private final EntryText entryText = new EntryText(new Extractor(1_000_000));

  private static RawDocument.Builder entry() {
    return RawDocument.newBuilder()
        .setId("e1")
        .setKind(DocumentKind.ARTICLE)
        .setOrigin(Origin.newBuilder().setType(OriginType.FEED_ENTRY).setUri("https://news.example/bridge")
            .setFeedUrl("https://news.example/feed").build())
        .setUrl("https://news.example/bridge")
        .setFetchedAt(Instant.EPOCH)
        .setContentType("text/html")
        .setTitle("Bridge closed to lorries")
        .setBody(ByteBuffer.wrap(new byte[0]))
        .setAttributes(Map.of());
  }

  @Test
  void shouldTakeTheFetchedPageFirst() {
    RawDocument raw = entry().setHttpStatus(200).setBody(ByteBuffer.wrap(PAGE.getBytes(StandardCharsets.UTF_8)))
        .setSummary("A short summary.").build();
    EntryText.Chosen chosen = entryText.choose(raw);
    assertThat(chosen.source()).isEqualTo(EntryText.PAGE);
    assertThat(chosen.extraction().text()).startsWith("The council voted");
  }

  @Test
  void shouldTakeTheFullContentWhenThePageHasNoMainTextOrIsATeaser() {
    String content = "<p>" + PARAGRAPH + "</p><p>" + PARAGRAPH + "</p><p>" + PARAGRAPH + "</p>";
    RawDocument noText = entry().setHttpStatus(200).setBody(ByteBuffer.wrap("<html><body><nav>Home</nav></body></html>"
        .getBytes(StandardCharsets.UTF_8))).setFeedContent(content).build();
    assertThat(entryText.choose(noText).source()).isEqualTo(EntryText.FEED_CONTENT);

    String teaserPage = "<html><body><article><h1>Bridge</h1><p>" + PARAGRAPH + "</p><p>Subscribe to read more.</p>"
        + "</article></body></html>";
    String longContent = content + content;
    RawDocument teaser = entry().setHttpStatus(200).setBody(ByteBuffer.wrap(teaserPage.getBytes(StandardCharsets.UTF_8)))
        .setFeedContent(longContent).build();
    assertThat(entryText.choose(teaser).source()).isEqualTo(EntryText.FEED_CONTENT);
  }

  @Test
  void shouldFallBackToTheSummaryThenTheTitle() {
    RawDocument summary = entry().setSummary("<p>" + PARAGRAPH + "</p>").setFetchError("HTTP 403").build();
    EntryText.Chosen fromSummary = entryText.choose(summary);
    assertThat(fromSummary.source()).isEqualTo(EntryText.FEED_SUMMARY);
    assertThat(fromSummary.extraction().text()).isEqualTo(PARAGRAPH);

    EntryText.Chosen fromTitle = entryText.choose(entry().build());
    assertThat(fromTitle.source()).isEqualTo(EntryText.TITLE);
    assertThat(fromTitle.extraction().title()).isEqualTo("Bridge closed to lorries");
    assertThat(fromTitle.extraction().text()).isEmpty();
  }

  @Test
  void shouldReadEntriesWrittenBeforeTheirTextHadItsOwnFields() {
    RawDocument legacy = entry().setBody(ByteBuffer.wrap(("<p>" + PARAGRAPH + "</p>").getBytes(StandardCharsets.UTF_8)))
        .setAttributes(Map.of("feed.content", "summary")).build();
    assertThat(entryText.choose(legacy).source()).isEqualTo(EntryText.FEED_SUMMARY);
  }

  @Test
  void shouldRefuseOnlyAnEntryWithNeitherTextNorTitle() {
    assertThatThrownBy(() -> entryText.choose(entry().setTitle(null).setSummary("  ").build()))
        .isInstanceOf(UnsupportedContentException.class)
        .hasMessageContaining("no title and no text");
  }
}
