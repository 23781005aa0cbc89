package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.app.Main;
import io.mediamon.testsupport.ReplayedNewsroom;
import io.mediamon.testsupport.SharedCorpora;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replayed newsroom (see {@link ReplayedNewsroom}): {@code run --once --feeds} on a loopback site of the corpus
 * article pages, an RSS feed, an Atom feed and a Google News sitemap, with a tenth of the pages each answering 403,
 * 404, 500, too slowly or disallowed by robots.txt. Prints entries, events by text source, the extraction F1 of the
 * page-sourced events against the corpus ground truth (ExtractionBench's metric), pages fetched and wall time.
 *
 * <p>Arguments: [pages] (default: every page of the Scrapinghub corpus, 121 on this side).
 */
public final class NewsroomBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : Integer.MAX_VALUE;
    Path corpora = SharedCorpora.find("article-extraction-scrapinghub");
    if (corpora == null) {
      throw new IllegalStateException("../shared/corpora/article-extraction-scrapinghub is not present");
    }
    Path work = Files.createTempDirectory("mediamon-newsroom");
    try (ReplayedNewsroom site = ReplayedNewsroom.start(corpora, pages, Duration.ofSeconds(5))) {
      Path list = site.writeFeedList(work.resolve("feeds.yaml"));
      Path empty = Files.createDirectory(work.resolve("no-files"));
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      String[] run = {"run", "--once", "--data-dir", work.resolve("data").toString(), "--broker-port",
          String.valueOf(port), "-D", "kafka.bootstrap=", "-D", "ingest.allow.private.addresses=true",
          "-D", "ingest.feeds.host.delay=100ms", "-D", "ingest.http.timeout=2s", "--feeds", list.toString(),
          empty.toString()};
      long started = System.nanoTime();
      List<JsonNode> records = cli(run);
      double wall = (System.nanoTime() - started) / 1e9;
      long fetched = site.pageRequests();
      records.addAll(cli("tail", "media.duplicates", "--data-dir", work.resolve("data").toString(), "--broker-port",
          String.valueOf(port), "-D", "kafka.bootstrap="));

      Map<String, Integer> bySource = new TreeMap<>();
      Map<String, JsonNode> byUrl = new HashMap<>();
      for (JsonNode r : records) {
        bySource.merge(r.path("text_source").asText("none"), 1, Integer::sum);
        byUrl.put(r.get("url").asText(), r);
      }
      List<ExtractionBench.Page> served = new ArrayList<>();
      for (ReplayedNewsroom.Entry e : site.entries()) {
        JsonNode event = byUrl.get(e.url());
        if (event != null && "page".equals(event.path("text_source").asText())) {
          served.add(new ExtractionBench.Page(e.id(), e.url(), new byte[0],
              JSON.createObjectNode().put("articleBody", e.groundTruth()).put("text", event.get("text").asText())));
        }
      }
      double[] prf = ExtractionBench.scoreShingles(served, p -> p.truth().get("text").asText());
      long secondStarted = System.nanoTime();
      List<JsonNode> again = cli(run);
      double secondWall = (System.nanoTime() - secondStarted) / 1e9;
      System.out.printf(Locale.ROOT, "newsroom: %d entries (%s); %d events and duplicates by text source %s; "
              + "%d missing%n", site.entries().size(), site.behaviours(), records.size(), bySource,
          site.entries().size() - byUrl.size());
      System.out.printf(Locale.ROOT, "page-sourced events: %d, extraction P=%.4f R=%.4f F1=%.4f against the ground "
          + "truth%n", served.size(), prf[0], prf[1], prf[2]);
      System.out.printf(Locale.ROOT, "pages fetched: %d; wall time %.1f s (start-up included); second run: %d new "
          + "events, %d pages fetched again, %.1f s%n", fetched, wall, again.size(), site.pageRequests() - fetched,
          secondWall);
    }
  }

  private static List<JsonNode> cli(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    if (code != 0) {
      throw new IllegalStateException("mediamon " + args[0] + " exited " + code + ": " + err);
    }
    List<JsonNode> records = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }
}
