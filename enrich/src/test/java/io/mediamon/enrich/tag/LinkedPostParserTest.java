package io.mediamon.enrich.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.LinkedPost;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkedPostParserTest {
  private final LinkedPostParser parser = new LinkedPostParser();

  @Test
  void shouldDecodeTheSeedsPostOnXWithItsTime() {
    LinkedPost post = parser.parse("https://x.com/AESinfos/status/1731688181177708622?s=20").orElseThrow();
    assertThat(post.getPlatform()).isEqualTo("x");
    assertThat(post.getAuthor()).isEqualTo("AESinfos");
    assertThat(post.getPostId()).isEqualTo("1731688181177708622");
    assertThat(post.getUrl()).isEqualTo("https://x.com/AESinfos/status/1731688181177708622");
    assertThat(post.getPostedAt()).isEqualTo(Instant.parse("2023-12-04T14:53:30Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://twitter.com/AESinfos/status/1731688181177708622",
      "https://mobile.twitter.com/AESinfos/status/1731688181177708622?ref_src=twsrc",
      "https://www.x.com/AESinfos/status/1731688181177708622/photo/1",
      "https://fxtwitter.com/AESinfos/status/1731688181177708622",
      "https://vxtwitter.com/AESinfos/status/1731688181177708622",
      "https://nitter.net/AESinfos/status/1731688181177708622#m",
      "https://nitter.poast.org/AESinfos/statuses/1731688181177708622",
  })
  void shouldGiveEveryXMirrorTheSameIdentity(String url) {
    LinkedPost post = parser.parse(url).orElseThrow();
    assertThat(post.getPlatform()).isEqualTo("x");
    assertThat(post.getPostId()).isEqualTo("1731688181177708622");
    assertThat(post.getUrl()).isEqualTo("https://x.com/AESinfos/status/1731688181177708622");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      // expected times computed independently (Python) from each documented id layout, truncated to seconds
      "https://mastodon.social/@Gargron/109318821117356215, mastodon, mastodon.social/109318821117356215, Gargron@mastodon.social, 2022-11-10T09:33:51Z",
      "https://mastodon.social/users/Gargron/statuses/109318821117356215, mastodon, mastodon.social/109318821117356215, Gargron@mastodon.social, 2022-11-10T09:33:51Z",
      "https://bsky.app/profile/jay.bsky.team/post/3jwdwj2ctlk26, bluesky, 3jwdwj2ctlk26, jay.bsky.team, 2023-05-22T21:40:19Z",
      "https://t.me/s/durov/142, telegram, durov/142, durov, -",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s, youtube, dQw4w9WgXcQ, -, -",
      "https://youtu.be/dQw4w9WgXcQ?si=abc, youtube, dQw4w9WgXcQ, -, -",
      "https://www.youtube.com/shorts/dQw4w9WgXcQ, youtube, dQw4w9WgXcQ, -, -",
      "https://www.facebook.com/nasa/posts/10159423349491772, facebook, 10159423349491772, nasa, -",
      "https://www.instagram.com/p/C0abcdEFghI/?igshid=xyz, instagram, C0abcdEFghI, -, -",
      "https://www.tiktok.com/@scout2015/video/6718335390845095173, tiktok, 6718335390845095173, scout2015, 2019-07-27T13:32:33Z",
  })
  void shouldRecogniseEachPlatformAndDecodeTimeWhereTheIdCarriesIt(String url, String platform, String id,
      String author, String postedAt) {
    LinkedPost post = parser.parse(url).orElseThrow();
    assertThat(post.getPlatform()).isEqualTo(platform);
    assertThat(post.getPostId()).isEqualTo(id);
    assertThat(post.getAuthor()).isEqualTo(author);
    assertThat(post.getPostedAt()).isEqualTo(postedAt == null ? null : Instant.parse(postedAt));
    assertThat(post.getUrl()).doesNotContain("igshid", "si=", "t=42s");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://x.com/AESinfos",
      "https://example.com/@someone/article-slug",
      "https://medium.com/@someone/1234567890123",
      "https://www.lemonde.fr/afrique/article/2023/12/06/niger.html",
      "not a url",
  })
  void shouldIgnoreLinksThatAreNotPosts(String url) {
    assertThat(parser.parse(url)).isEmpty();
  }
}
