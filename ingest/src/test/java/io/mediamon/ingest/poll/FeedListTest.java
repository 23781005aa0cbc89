package io.mediamon.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.common.ConfigException;
import io.mediamon.schemas.DocumentKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedListTest {
  private static final Duration DEFAULT = Duration.ofMinutes(15);
  @TempDir Path dir;

  @Test
  void shouldReadTheDefaultOpmlWithPerFeedSettings() {
    Path seeds = Path.of("../seeds/feeds.opml");
    List<FeedSpec> feeds = FeedList.load(seeds, DEFAULT);

    assertThat(feeds).hasSizeGreaterThanOrEqualTo(5);
    FeedSpec rfi = feeds.get(0);
    assertThat(rfi.url()).hasToString("https://www.rfi.fr/fr/afrique/rss");
    assertThat(rfi.title()).isEqualTo("RFI Afrique");
    assertThat(rfi.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rfi.tags()).containsEntry("language", "fr").containsEntry("outlet", "RFI");
    assertThat(rfi.articles()).isEqualTo(FeedSpec.ArticleMode.AUTO);
    assertThat(feeds).filteredOn(f -> f.url().getHost().equals("mastodon.social"))
        .singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(DocumentKind.POST));
  }

  @Test
  void shouldReadYamlAndPollTwoSpellingsOfOneFeedOnce() throws Exception {
    Path yaml = dir.resolve("feeds.yaml");
    Files.writeString(yaml, """
        feeds:
          - url: https://Example.org:443/feed.xml#top
            interval: 90s
            country: NE
            articles: never
          - https://example.org/feed.xml
          - url: http://example.org/other?x=1
            kind: post
        """);
    List<FeedSpec> feeds = FeedList.load(yaml, DEFAULT);

    assertThat(feeds).extracting(FeedSpec::key)
        .containsExactly("https://example.org/feed.xml", "http://example.org/other?x=1");
    assertThat(feeds.get(0).interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(feeds.get(0).tags()).containsEntry("country", "NE");
    assertThat(feeds.get(0).articles()).isEqualTo(FeedSpec.ArticleMode.NEVER);
    assertThat(feeds.get(1).interval()).isEqualTo(DEFAULT);
    assertThat(feeds.get(1).kind()).isEqualTo(DocumentKind.POST);
  }

  @Test
  void shouldRefuseWhatIsNotAWebFeedWithTheReason() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "- url: file:///etc/passwd\n");
    assertThatThrownBy(() -> FeedList.load(yaml, DEFAULT)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("http or https");
    Files.writeString(yaml, "- url: https://example.org/f\n  interval: often\n");
    assertThatThrownBy(() -> FeedList.load(yaml, DEFAULT)).hasMessageContaining("interval must look like");
    Files.writeString(yaml, "- url: https://example.org/f\n  articles: sometimes\n");
    assertThatThrownBy(() -> FeedList.load(yaml, DEFAULT)).hasMessageContaining("must be one of [auto, always, never]");
  }
}
