package io.mediamon.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.ingest.fetch.AddressGuard;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.schemas.DocumentKind;
import io.mediamon.schemas.FeedHealth;
import io.mediamon.schemas.RawDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller against real HTTP servers on loopback; its output is kept in memory. */
class FeedPollerTest {
  private static final Duration DELAY = Duration.ofMillis(100);
  private final List<FeedServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(FeedServer::close);
  }

  private FeedServer server() throws Exception {
    FeedServer s = new FeedServer();
    servers.add(s);
    return s;
  }

  private static FeedSpec feed(String url, FeedSpec.ArticleMode articles, Map<String, String> tags) {
    URI u = URI.create(url);
    return new FeedSpec(u, FeedSpec.normalise(u), null, Duration.ofMinutes(15), tags, articles, FeedSpec.guessKind(u));
  }

  private static FeedSpec sitemap(String url) {
    URI u = URI.create(url);
    return new FeedSpec(u, FeedSpec.normalise(u), null, Duration.ofMinutes(15), Map.of(), FeedSpec.ArticleMode.AUTO,
        FeedSpec.guessKind(u), FeedSpec.SourceType.SITEMAP);
  }

  private static FeedPoller poller(List<FeedSpec> feeds, PollSink sink) {
    HttpFetcher fetcher = new HttpFetcher(new AddressGuard(true), Duration.ofSeconds(10), 1 << 20, "mediamon-test");
    return new FeedPoller(feeds, fetcher, new HostGate(DELAY, Duration.ofMinutes(5), Clock.systemUTC()),
        new RobotsCache(fetcher, "mediamon", Clock.systemUTC()), sink, Clock.systemUTC(),
        new FeedPoller.Options(8, Duration.ofDays(30), 1000, 10, Duration.ofHours(6), 1 << 20, Duration.ofDays(2)), "test");
  }

  @Test
  void shouldKeepEachHostsPaceAndBackOffTheHostThatAnswers429() throws Exception {
    List<FeedSpec> feeds = new ArrayList<>();
    for (int h = 0; h < 5; h++) {
      FeedServer s = server();
      for (int f = 0; f < 40; f++) {
        String path = "/feed/" + f + ".xml";
        s.put(path, FeedServer.Response.ok("application/rss+xml", FeedServer.rss("host " + h + " feed " + f,
            FeedServer.item("h" + h + "f" + f, s.url("/a/" + f), "Story " + f, "Full text " + f))));
        feeds.add(feed(s.url(path), FeedSpec.ArticleMode.AUTO, Map.of()));
      }
    }
    // the first feed request on host 2, whichever feed it is, is told to come back in two seconds
    FeedServer limited = servers.get(2);
    AtomicInteger calls = new AtomicInteger();
    for (int f = 0; f < 40; f++) {
      String path = "/feed/" + f + ".xml";
      FeedServer.Response ok = FeedServer.Response.ok("application/rss+xml", FeedServer.rss("x"));
      limited.routes.put(path, r -> calls.getAndIncrement() == 0
          ? new FeedServer.Response(429, Map.of("Retry-After", "2"), "") : ok);
    }
    // two spellings of one feed: polled once
    feeds.add(feed(servers.get(0).url("/feed/1.xml").replace("http://127.0.0.1", "HTTP://127.0.0.1"),
        FeedSpec.ArticleMode.AUTO, Map.of()));

    MemorySink sink = new MemorySink();
    poller(feeds, sink).pollOnce();

    assertThat(sink.results).hasSize(200);
    for (FeedServer s : servers) {
      List<FeedServer.Request> requests = new ArrayList<>(s.requests);
      requests.sort(Comparator.comparingLong(FeedServer.Request::nanos));
      assertThat(requests).hasSize(41); // robots.txt and 40 feeds
      for (int i = 1; i < requests.size(); i++) {
        long gap = requests.get(i).nanos() - requests.get(i - 1).nanos();
        assertThat(Duration.ofNanos(gap)).as("gap before %s", requests.get(i).path()).isGreaterThanOrEqualTo(DELAY);
      }
    }
    List<FeedServer.Request> limitedRequests = new ArrayList<>(limited.requests);
    limitedRequests.sort(Comparator.comparingLong(FeedServer.Request::nanos));
    int after429 = limitedRequests.indexOf(limitedRequests.stream().filter(r -> r.path().startsWith("/feed/"))
        .findFirst().orElseThrow()) + 1;
    assertThat(Duration.ofNanos(limitedRequests.get(after429).nanos() - limitedRequests.get(after429 - 1).nanos()))
        .as("the host rests for its Retry-After").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    FeedHealth backedOff = sink.results.stream().map(PollResult::health)
        .filter(h -> h.getStatus().equals("BACKED_OFF")).findFirst().orElseThrow();
    assertThat(backedOff.getHttpStatus()).isEqualTo(429);
    assertThat(backedOff.getNextPollAt()).isAfterOrEqualTo(backedOff.getPolledAt().plusSeconds(2));
    assertThat(sink.results.stream().filter(r -> r.health().getStatus().equals("OK"))).hasSize(199);
  }

  @Test
  void shouldAskConditionallyAndProduceOnlyEntriesNotSeenBefore() throws Exception {
    FeedServer s = server();
    String one = FeedServer.item("g1", s.url("/a/1"), "One", "Full one");
    String two = FeedServer.item("g2", s.url("/a/2"), "Two", "Full two");
    AtomicInteger version = new AtomicInteger(1);
    s.routes.put("/feed.xml", r -> {
      String etag = "\"v" + version.get() + "\"";
      if (etag.equals(r.headers().get("if-none-match"))) {
        return new FeedServer.Response(304, Map.of("ETag", etag), "");
      }
      String body = version.get() == 1 ? FeedServer.rss("t", one) : FeedServer.rss("t", two, one);
      return new FeedServer.Response(200, Map.of("Content-Type", "application/rss+xml", "ETag", etag), body);
    });
    MemorySink sink = new MemorySink();
    FeedSpec feed = feed(s.url("/feed.xml"), FeedSpec.ArticleMode.AUTO, Map.of("country", "NE", "outlet", "Lomé Actu"));

    poller(List.of(feed), sink).pollOnce();
    poller(List.of(feed), sink).pollOnce();  // a restart: state from the sink, same ETag: 304
    version.set(2);
    poller(List.of(feed), sink).pollOnce();  // a new entry and the old one

    assertThat(sink.results).extracting(r -> r.health().getStatus()).containsExactly("OK", "NOT_MODIFIED", "OK");
    assertThat(sink.results).extracting(r -> r.documents().size()).containsExactly(1, 0, 1);
    assertThat(s.requestsTo("/feed.xml")).extracting(r -> r.headers().get("if-none-match"))
        .containsExactly(null, "\"v1\"", "\"v1\"");
    RawDocument first = sink.results.get(0).documents().get(0);
    assertThat(first.getTitle()).isEqualTo("One");
    assertThat(first.getOrigin().getSiteName()).isEqualTo("Lomé Actu");
    assertThat(first.getAttributes()).containsEntry("feed.tag.country", "NE").containsEntry("feed.content", "full");
    assertThat(sink.results.get(2).documents().get(0).getTitle()).isEqualTo("Two");
    assertThat(sink.results.get(2).health().getEntriesSeen()).isEqualTo(1);
    assertThat(sink.states.get(feed.key()).getSeen()).hasSize(2);
  }

  @Test
  void shouldFetchTheArticleOfASummaryOnlyEntryWithItsCanonicalUrl() throws Exception {
    FeedServer s = server();
    s.put("/feed.xml", FeedServer.Response.ok("application/rss+xml",
        FeedServer.rss("t", FeedServer.item("g1", s.url("/a/1?utm_source=rss"), "One", null))));
    s.put("/a/1", FeedServer.Response.ok("text/html; charset=utf-8", "<html><head><link rel=canonical href=\"/story/one\">"
        + "</head><body><article><p>Le texte entier, été.</p></article></body></html>"));
    MemorySink sink = new MemorySink();
    poller(List.of(feed(s.url("/feed.xml"), FeedSpec.ArticleMode.AUTO, Map.of())), sink).pollOnce();

    RawDocument doc = sink.results.get(0).documents().get(0);
    assertThat(new String(doc.getBody().array(), StandardCharsets.UTF_8)).contains("Le texte entier, été.");
    assertThat(doc.getContentType()).isEqualTo("text/html");
    assertThat(doc.getCanonicalUrl()).isEqualTo(s.url("/story/one"));
    assertThat(doc.getSummary()).isEqualTo("Summary of One");
    assertThat(sink.results.get(0).health().getArticlesFetched()).isEqualTo(1);
  }

  @Test
  void shouldRespectRobotsTxtAndReportMalformedAndHostileFeedsAsHealthAndDeadLetters() throws Exception {
    FeedServer s = server();
    s.put("/robots.txt", FeedServer.Response.ok("text/plain", "User-agent: *\nDisallow: /private/\n"));
    s.put("/private/feed.xml", FeedServer.Response.ok("application/rss+xml", FeedServer.rss("t")));
    s.put("/xxe.xml", FeedServer.Response.ok("application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE rss "
        + "[<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>"));
    s.put("/lol.xml", FeedServer.Response.ok("application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol "
        + "\"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><rss><channel><title>&lol2;"
        + "</title></channel></rss>"));
    s.put("/broken.xml", FeedServer.Response.ok("application/rss+xml", "<rss><channel><title>cut off"));
    MemorySink sink = new MemorySink();
    poller(List.of(feed(s.url("/private/feed.xml"), FeedSpec.ArticleMode.NEVER, Map.of()),
        feed(s.url("/xxe.xml"), FeedSpec.ArticleMode.NEVER, Map.of()),
        feed(s.url("/lol.xml"), FeedSpec.ArticleMode.NEVER, Map.of()),
        feed(s.url("/broken.xml"), FeedSpec.ArticleMode.NEVER, Map.of()),
        feed(s.url("/missing.xml"), FeedSpec.ArticleMode.NEVER, Map.of())), sink).pollOnce();

    Map<String, PollResult> byPath = new java.util.HashMap<>();
    sink.results.forEach(r -> byPath.put(r.feed().url().getPath(), r));
    assertThat(byPath.get("/private/feed.xml").health().getStatus()).isEqualTo("DISALLOWED");
    assertThat(s.requestsTo("/private/feed.xml")).isEmpty();
    for (String hostile : List.of("/xxe.xml", "/lol.xml", "/broken.xml")) {
      PollResult r = byPath.get(hostile);
      assertThat(r.health().getStatus()).as(hostile).isEqualTo("ERROR");
      assertThat(r.health().getErrorMessage()).as(hostile).contains("malformed feed");
      assertThat(r.deadLetters()).as(hostile).singleElement()
          .satisfies(d -> assertThat(d.getStage()).isEqualTo("ingest.parse-feed"));
      assertThat(r.documents()).isEmpty();
    }
    assertThat(byPath.get("/missing.xml").health().getHttpStatus()).isEqualTo(404);
    assertThat(byPath.get("/missing.xml").state().getConsecutiveFailures()).isEqualTo(1);
  }

  @Test
  void shouldTreatSocialAccountFeedsAsPosts() {
    assertThat(FeedSpec.guessKind(URI.create("https://mastodon.social/@Gargron.rss"))).isEqualTo(DocumentKind.POST);
    assertThat(FeedSpec.guessKind(URI.create("https://bsky.app/profile/jay.bsky.team/rss"))).isEqualTo(DocumentKind.POST);
    assertThat(FeedSpec.guessKind(URI.create("https://rsshub.app/telegram/channel/durov"))).isEqualTo(DocumentKind.POST);
    assertThat(FeedSpec.guessKind(URI.create("https://www.rfi.fr/fr/afrique/rss"))).isEqualTo(DocumentKind.ARTICLE);
  }

  @Test
  void shouldPollANewsSitemapIndexAndKeepEveryEntryWhoseArticlePageFails() throws Exception {
    FeedServer s = server();
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String recent = Instant.now().minusSeconds(3600).toString();
    s.put("/robots.txt", FeedServer.Response.ok("text/plain", "User-agent: *\nDisallow: /private/\n"));
    s.put("/sitemap.xml", FeedServer.Response.ok("application/xml",
        "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + "<sitemap><loc>" + s.url("/news.xml") + "</loc><lastmod>" + today + "</lastmod></sitemap>"
            + "<sitemap><loc>" + s.url("/broken.xml") + "</loc></sitemap></sitemapindex>"));
    s.put("/news.xml", FeedServer.Response.ok("application/xml", io.mediamon.ingest.feed.NewsSitemapReaderTest.newsSitemap(
        io.mediamon.ingest.feed.NewsSitemapReaderTest.newsUrl(s.url("/a/ok"), "Served", recent, "fr"),
        io.mediamon.ingest.feed.NewsSitemapReaderTest.newsUrl(s.url("/a/forbidden"), "Forbidden", recent, "fr"),
        io.mediamon.ingest.feed.NewsSitemapReaderTest.newsUrl(s.url("/private/x"), "Disallowed", recent, "fr"),
        io.mediamon.ingest.feed.NewsSitemapReaderTest.newsUrl(s.url("/a/old"), "Old", "2019-01-01T00:00:00Z", "fr"))));
    s.put("/broken.xml", FeedServer.Response.ok("application/xml", "<urlset><url><loc>"));
    s.put("/a/ok", FeedServer.Response.ok("text/html", "<html><body><article><p>Texte.</p></article></body></html>"));
    s.put("/a/forbidden", new FeedServer.Response(403, Map.of(), ""));
    FeedSpec sitemap = sitemap(s.url("/sitemap.xml"));
    MemorySink sink = new MemorySink();

    poller(List.of(sitemap), sink).pollOnce();

    PollResult result = sink.results.get(0);
    Map<String, RawDocument> byTitle = new java.util.HashMap<>();
    result.documents().forEach(d -> byTitle.put(d.getTitle(), d));
    assertThat(byTitle.keySet()).containsExactlyInAnyOrder("Served", "Forbidden", "Disallowed");
    assertThat(byTitle.get("Served").getFetchError()).isNull();
    assertThat(byTitle.get("Served").getHttpStatus()).isEqualTo(200);
    assertThat(byTitle.get("Forbidden").getFetchError()).isEqualTo("HTTP 403");
    assertThat(byTitle.get("Disallowed").getFetchError()).isEqualTo("robots.txt disallows");
    assertThat(s.requestsTo("/private/x")).isEmpty();
    assertThat(result.health().getStatus()).isEqualTo("OK");
    assertThat(result.health().getArticlesFetched()).isEqualTo(1);
    assertThat(result.health().getArticlesFailed()).isEqualTo(2);
    assertThat(result.deadLetters()).singleElement()
        .satisfies(d -> assertThat(d.getErrorMessage()).contains("malformed sitemap", "/broken.xml"));

    poller(List.of(sitemap), sink).pollOnce();
    assertThat(sink.results.get(1).documents()).as("a second poll produces nothing new").isEmpty();
  }

  @Test
  void shouldRecordAMalformedSitemapOnItsHealthAndAsADeadLetter() throws Exception {
    FeedServer s = server();
    s.put("/sitemap.xml", FeedServer.Response.ok("application/xml", "<urlset><url><loc>http://x.example/a"));
    FeedSpec sitemap = sitemap(s.url("/sitemap.xml"));
    MemorySink sink = new MemorySink();

    poller(List.of(sitemap), sink).pollOnce();

    PollResult result = sink.results.get(0);
    assertThat(result.documents()).isEmpty();
    assertThat(result.health().getStatus()).isEqualTo("ERROR");
    assertThat(result.health().getErrorMessage()).contains("malformed sitemap", "/sitemap.xml");
    assertThat(result.deadLetters()).singleElement()
        .satisfies(d -> assertThat(d.getStage()).isEqualTo("ingest.parse-sitemap"));
    assertThat(result.state().getConsecutiveFailures()).isEqualTo(1);
  }
}
