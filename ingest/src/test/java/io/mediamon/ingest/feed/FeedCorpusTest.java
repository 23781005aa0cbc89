package io.mediamon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mediamon.ingest.IngestException;
import io.mediamon.ingest.fetch.AddressGuard;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.ingest.poll.FeedPoller;
import io.mediamon.ingest.poll.FeedSpec;
import io.mediamon.ingest.poll.HostGate;
import io.mediamon.ingest.poll.MemorySink;
import io.mediamon.ingest.poll.PollResult;
import io.mediamon.ingest.poll.RobotsCache;
import io.mediamon.ingest.source.InputReader;
import io.mediamon.schemas.RawDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every file of the Rome and feedparser feed corpora, served over HTTP from loopback with the headers the
 * feedparser files declare, goes through the real fetch-and-parse path: each yields its entries or a failure with a
 * reason, none crashes or stalls the reader, titles that feedparser's {@code Expect:} lines state come out as
 * stated, and no file that parsed when {@code feed-corpus-parses.txt} was recorded stops parsing.
 */
class FeedCorpusTest {
  private static final Logger LOG = LoggerFactory.getLogger(FeedCorpusTest.class);
  private static final Pattern HEADER = Pattern.compile("(?m)^Header:\\s+([^:]+):(.*)$");
  private static final Pattern TITLE_EXPECT = Pattern.compile(
      "(entries\\[0\\]|feed)\\['title'\\] == u?(['\"])(.*?)\\2(?:\\s|$|\\))");
  private static Path corpora;
  private static HttpServer server;
  private static final Map<String, Path> SERVED = new LinkedHashMap<>();

  @BeforeAll
  static void serveTheCorpora() throws IOException {
    corpora = io.mediamon.testsupport.SharedCorpora.find("feeds-rome");
    Assumptions.assumeTrue(corpora != null, "SKIPPED: ../shared/corpora is not present");
    for (String dir : List.of("feeds-rome", "feeds-feedparser")) {
      try (Stream<Path> files = Files.walk(corpora.resolve(dir))) {
        files.filter(Files::isRegularFile)
            .filter(f -> !f.getFileName().toString().equals("README.md") && !f.getFileName().toString().equals("MANIFEST.tsv"))
            .sorted()
            .forEach(f -> SERVED.put(corpora.relativize(f).toString().replace('\\', '/'), f));
      }
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String name = java.net.URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1), StandardCharsets.UTF_8);
      Path file = SERVED.get(name);
      byte[] body = file == null ? new byte[0] : Files.readAllBytes(file);
      Map<String, String> headers = declaredHeaders(body);
      headers.putIfAbsent("Content-type", "text/xml");
      headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(file == null ? 404 : 200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** feedparser's {@code Header: Name: value} lines; an ISO-8859-1 view is enough to read the ASCII comment. */
  static Map<String, String> declaredHeaders(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1).replace("\u0000", "");
    Matcher m = HEADER.matcher(head);
    while (m.find()) {
      headers.put(m.group(1).strip(), m.group(2).strip());
    }
    return headers;
  }

  @Test
  void shouldParseOrRejectEveryCorpusFileAndKeepParsingWhatParsedBefore() throws Exception {
    InputReader reader = new InputReader(new HttpFetcher(new AddressGuard(true), Duration.ofSeconds(10), 8 << 20,
        "mediamon-test"), 8 << 20, Clock.systemUTC());
    TreeSet<String> parsed = new TreeSet<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    int entries = 0;
    for (Map.Entry<String, Path> e : SERVED.entrySet()) {
      String name = e.getKey();
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + encodePath(name);
      List<RawDocument> docs = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      reader.read(url, new InputReader.Listener() {
        @Override
        public void document(RawDocument document) {
          docs.add(document);
        }

        @Override
        public void failure(String origin, IngestException error, byte[] payload) {
          failures.add(error.stage() + ": " + error.getMessage());
        }
      });
      if (!failures.isEmpty()) {
        rejected.put(name, failures.get(0));
        assertThat(failures.get(0)).as("a rejection says why: %s", name).contains(":").hasSizeGreaterThan(20);
        continue;
      }
      parsed.add(name);
      entries += docs.size();
      byte[] body = Files.readAllBytes(e.getValue());
      String expectedTitle = expectedTitle(body);
      String actual = expectedTitle == null ? null : titleFor(docs, body);
      if (actual != null && !actual.equals(expectedTitle)) {
        wrong.add(name + ": expected title '" + expectedTitle + "' but got '" + actual + "'");
      }
    }
    LOG.info("feed corpus: {} files, {} parsed ({} entries), {} rejected with a reason, {} wrong titles",
        SERVED.size(), parsed.size(), entries, rejected.size(), wrong.size());
    rejected.forEach((k, v) -> LOG.info("rejected {}: {}", k, v));
    wrong.forEach(w -> LOG.info("wrong {}", w));

    Path baseline = Path.of("src/test/resources/feed-corpus-parses.txt");
    if (Boolean.getBoolean("mediamon.recordFeedBaseline")) {
      Files.write(baseline, parsed);
    }
    List<String> mustParse = Files.readAllLines(baseline).stream().filter(l -> !l.isBlank()).toList();
    assertThat(parsed).as("files that parsed when the baseline was recorded").containsAll(mustParse);
    assertThat(parsed.size() + rejected.size()).isEqualTo(SERVED.size());
  }

  /**
   * The same corpus through the poller (one host, so one request at a time): every file ends in a health record,
   * OK with its entries or ERROR with the reason, and the poller returns; what the poller read when
   * {@code feed-corpus-poller-ok.txt} was recorded it still reads. Unlike the reader, the poller takes every URL for a
   * feed, so files that are not feeds (OPML, an empty document) are errors here rather than pages.
   */
  @Test
  void shouldGiveEveryCorpusFileAHealthRecordThroughThePoller() throws Exception {
    List<FeedSpec> feeds = new ArrayList<>();
    Map<String, String> nameByKey = new LinkedHashMap<>();
    for (String name : SERVED.keySet()) {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + encodePath(name));
      FeedSpec spec = new FeedSpec(url, FeedSpec.normalise(url), name, Duration.ofMinutes(15), Map.of(),
          FeedSpec.ArticleMode.NEVER, FeedSpec.guessKind(url));
      feeds.add(spec);
      nameByKey.put(spec.key(), name);
    }
    HttpFetcher fetcher = new HttpFetcher(new AddressGuard(true), Duration.ofSeconds(10), 8 << 20, "mediamon-test");
    MemorySink sink = new MemorySink();
    new FeedPoller(feeds, fetcher, new HostGate(Duration.ZERO, Duration.ofSeconds(1), Clock.systemUTC()),
        new RobotsCache(fetcher, "mediamon", Clock.systemUTC()), sink, Clock.systemUTC(),
        new FeedPoller.Options(4, Duration.ofDays(30), 10_000, 10, Duration.ofHours(1), 1 << 20, Duration.ofDays(2)), "test").pollOnce();

    assertThat(sink.results).hasSize(SERVED.size());
    Map<String, String> status = new LinkedHashMap<>();
    for (PollResult r : sink.results) {
      String name = nameByKey.get(r.feed().key());
      status.put(name, r.health().getStatus());
      assertThat(r.health().getStatus()).as(name).isIn("OK", "ERROR");
      if (r.health().getStatus().equals("ERROR")) {
        assertThat(r.health().getErrorMessage()).as("an error says why: %s", name).hasSizeGreaterThan(20);
      }
    }
    Path baseline = Path.of("src/test/resources/feed-corpus-poller-ok.txt");
    if (Boolean.getBoolean("mediamon.recordFeedBaseline")) {
      Files.write(baseline, new TreeSet<>(status.entrySet().stream().filter(e -> e.getValue().equals("OK"))
          .map(Map.Entry::getKey).toList()));
    }
    List<String> mustParse = Files.readAllLines(baseline).stream().filter(l -> !l.isBlank()).toList();
    assertThat(mustParse).as("feeds the poller read when the baseline was recorded")
        .allSatisfy(name -> assertThat(status.get(name)).as(name).isEqualTo("OK"));
    LOG.info("feed corpus through the poller: {} OK, {} ERROR, {} entries", 
        status.values().stream().filter("OK"::equals).count(), status.values().stream().filter("ERROR"::equals).count(),
        sink.results.stream().mapToInt(r -> r.documents().size()).sum());
  }

  private static String encodePath(String name) {
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("/")) {
      if (!sb.isEmpty()) {
        sb.append('/');
      }
      sb.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }

  /** The title feedparser's Expect line states for the first entry or the feed, with Python escapes decoded. */
  static String expectedTitle(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
    Matcher m = TITLE_EXPECT.matcher(head);
    return m.find() ? unescapePython(m.group(3)) : null;
  }

  private static String titleFor(List<RawDocument> docs, byte[] body) {
    Matcher m = TITLE_EXPECT.matcher(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      return null;
    }
    if (m.group(1).equals("feed")) {
      return docs.isEmpty() ? null : docs.get(0).getOrigin().getFeedTitle();
    }
    return docs.isEmpty() ? "(no entry)" : docs.get(0).getTitle();
  }

  static String unescapePython(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == 'u' && i + 5 < s.length()) {
          out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
          i += 5;
          continue;
        } else if (n == 'x' && i + 3 < s.length()) {
          out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
          i += 3;
          continue;
        } else if (n == '\\' || n == '\'' || n == '"') {
          out.append(n);
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
