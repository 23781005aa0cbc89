package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediamon.testsupport.ReplayedNewsroom;
import io.mediamon.testsupport.SharedCorpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --once --feeds} against a loopback news site built from real article pages, some of which fail: one
 * event per entry, the page's text where the page is served and the feed's summary (or, from the sitemap, the title)
 * with the reason where it is not; the host's pace kept; a second run fetches and produces nothing new.
 */
class ReplayedNewsroomIT {
  private static final Duration HOST_DELAY = Duration.ofMillis(100);
  @TempDir Path dataDir;
  @TempDir Path inputs;

  @Test
  void shouldGiveOneEventPerEntryWhateverItsPageDoes() throws Exception {
    Path corpora = SharedCorpora.find("article-extraction-scrapinghub");
    Assumptions.assumeTrue(corpora != null, "SKIPPED: ../shared/corpora/article-extraction-scrapinghub is not present");
    try (ReplayedNewsroom site = ReplayedNewsroom.start(corpora, 30, Duration.ofSeconds(3))) {
      Path list = site.writeFeedList(inputs.resolve("feeds.yaml"));
      Path empty = Files.createDirectory(inputs.resolve("no-files"));
      String port = String.valueOf(RunOnceIT.freePort());
      String[] args = {"run", "--once", "--data-dir", dataDir.toString(), "--broker-port", port, "-D", "kafka.bootstrap=",
          "-D", "ingest.allow.private.addresses=true", "-D", "ingest.feeds.host.delay=" + HOST_DELAY.toMillis() + "ms",
          "-D", "ingest.http.timeout=1s", "--feeds", list.toString(), empty.toString()};

      RunOnceIT.Result first = RunOnceIT.run(args);
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      List<JsonNode> records = new ArrayList<>(first.events());
      RunOnceIT.Result duplicates = RunOnceIT.run("tail", "media.duplicates", "--data-dir", dataDir.toString(),
          "--broker-port", port, "-D", "kafka.bootstrap=");
      records.addAll(duplicates.events());
      Map<String, JsonNode> byUrl = new HashMap<>();
      records.forEach(r -> byUrl.put(r.get("url").asText(), r));

      assertThat(records).hasSize(site.entries().size());
      for (ReplayedNewsroom.Entry e : site.entries()) {
        JsonNode event = byUrl.get(e.url());
        assertThat(event).as("event of %s (%s, %s)", e.url(), e.channel(), e.behaviour()).isNotNull();
        if (e.behaviour() == ReplayedNewsroom.Behaviour.SERVED) {
          assertThat(event.get("text_source").asText()).as(e.url()).isEqualTo("page");
          assertThat(event.get("fetch_error").isNull()).isTrue();
          assertThat(event.get("text").asText().length()).isGreaterThan(e.summary().length());
        } else {
          String expected = e.channel().equals("sitemap") ? "title" : "feed_summary";
          assertThat(event.get("text_source").asText()).as(e.url()).isEqualTo(expected);
          assertThat(event.get("fetch_error").asText()).as(e.url())
              .isEqualTo(e.behaviour() == ReplayedNewsroom.Behaviour.SLOW ? "timed out after 1 s" : e.behaviour().fetchError);
          assertThat(event.get("title").asText()).isEqualTo(e.title());
          if (expected.equals("feed_summary")) {
            assertThat(event.get("text").asText()).isEqualTo(e.summary());
            // the feed declares English, but some corpus pages are Italian or Portuguese, and their summaries say so
            assertThat(event.get("language").asText()).as(event.get("text").asText()).matches("[a-z]{2}");
          }
        }
      }
      // politeness: never two requests to the host closer than its rest
      List<ReplayedNewsroom.Request> requests = new ArrayList<>(site.requests());
      requests.sort(Comparator.comparingLong(ReplayedNewsroom.Request::nanos));
      for (int i = 1; i < requests.size(); i++) {
        assertThat(Duration.ofNanos(requests.get(i).nanos() - requests.get(i - 1).nanos()))
            .as("gap before %s", requests.get(i).path()).isGreaterThanOrEqualTo(HOST_DELAY);
      }
      assertThat(site.requests()).noneMatch(r -> r.path().startsWith("/private/"));
      long pagesFetched = site.pageRequests();

      RunOnceIT.Result second = RunOnceIT.run(args);
      assertThat(second.exitCode()).as(second.stderr()).isZero();
      assertThat(second.stderr()).contains("0 documents in, 0 events");
      assertThat(site.pageRequests()).as("no page fetched again").isEqualTo(pagesFetched);
    }
  }
}
