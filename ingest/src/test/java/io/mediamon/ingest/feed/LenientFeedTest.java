package io.mediamon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.ingest.IngestException;
import io.mediamon.schemas.RawDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Feeds Rome refuses, read for the entries they do hold. */
class LenientFeedTest {
  private final FeedParser parser = new FeedParser();

  private FeedParser.ParsedFeed parse(String xml) throws IngestException {
    return parser.parseFeed(xml.getBytes(StandardCharsets.UTF_8), "https://news.example/feed", null, Instant.EPOCH);
  }

  @Test
  void shouldKeepTheCompleteEntriesOfACutOffFeedAndReportTheRest() throws Exception {
    FeedParser.ParsedFeed parsed = parse("""
        <?xml version="1.0"?><rss version="2.0"><channel><title>News</title><language>en-gb</language>
        <item><title>First &amp; foremost</title><link>https://news.example/1</link><description>&lt;p&gt;One.&lt;/p&gt;</description></item>
        <item><title>Second</title><link>https://news.example/2</link><pubDate>Wed, 06 Dec 2023 09:30:00 GMT</pubDate></item>
        <item><title>Third, cut</title><link>https://news.exa""");

    assertThat(parsed.documents()).extracting(RawDocument::getTitle).containsExactly("First & foremost", "Second");
    assertThat(parsed.documents().get(0).getSummary()).isEqualTo("<p>One.</p>");
    assertThat(parsed.documents().get(0).getAttributes()).containsEntry("feed.language", "en-gb");
    assertThat(parsed.documents().get(1).getPublishedAt()).isEqualTo(Instant.parse("2023-12-06T09:30:00Z"));
    assertThat(parsed.problem().getMessage()).contains("cut off after its last complete entry", "2 entries kept");
    assertThat(new String(parsed.remainder(), StandardCharsets.UTF_8)).contains("Third, cut");
  }

  @Test
  void shouldReadIllFormedFeedsRomeRefuses() throws Exception {
    FeedParser.ParsedFeed undeclaredPrefix = parse("""
        <rss version="2.0"><channel><title>T</title><item><title>Podcast</title>
        <itunes:subtitle>sub</itunes:subtitle><link>https://news.example/p?a=1&b=2</link></item></channel></rss>""");
    assertThat(undeclaredPrefix.documents()).extracting(RawDocument::getTitle).containsExactly("Podcast");
    assertThat(undeclaredPrefix.problem()).isNotNull();
    assertThat(undeclaredPrefix.remainder()).isNull();

    FeedParser.ParsedFeed cdf = parse("<CHANNEL><ITEM HREF=\"https://news.example/c\"><TITLE>Example item</TITLE>"
        + "<ABSTRACT>Short.</ABSTRACT></ITEM></CHANNEL>");
    assertThat(cdf.documents()).hasSize(1);
    assertThat(cdf.documents().get(0).getUrl()).isEqualTo("https://news.example/c");
    assertThat(cdf.documents().get(0).getSummary()).isEqualTo("Short.");
  }

  @Test
  void shouldNeverReadAFeedThatDeclaresEntities() {
    assertThatThrownBy(() -> parse("""
        <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
        <rss><channel><item><title>&b;</title></item></channel></rss>"""))
        .isInstanceOf(IngestException.class).hasMessageContaining("DOCTYPE");
  }

  @Test
  void shouldReadAFeedWithAPlainDoctype() throws Exception {
    FeedParser.ParsedFeed parsed = parse("""
        <?xml version="1.0"?>
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
        <rss version="0.91"><channel><title>T</title><item><title>Old style</title><link>https://news.example/o</link>
        </item></channel></rss>""");
    assertThat(parsed.documents()).extracting(RawDocument::getTitle).containsExactly("Old style");
  }
}
