package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mediamon.common.Settings;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.sink.alert.WebhookClient;
import io.mediamon.sink.alert.WebhookDispatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken server can do to mediamon, through the CLI ({@code mediamon extract}, the same fetch and
 * extraction code as ingest and enrich) and the webhook client, against servers on loopback: every case ends within
 * its deadline with a clear outcome, nothing escapes, memory stays bounded. Each case's outcome, time and peak heap
 * are written to {@code target/hostile-inputs.md}, the table RELIABILITY.md shows.
 */
class HostileInputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Short, so the slow cases show the deadline without slowing the build; the default is 30 s. */
  private static final String TIMEOUT = "2s";
  private static final List<String> ROWS = new ArrayList<>();
  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hostile-server");
      t.setDaemon(true);
      return t;
    }));
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    route("/slow-headers", x -> {
      sleep(6_000);
      reply(x, 200, "text/html", "<html><title>late</title></html>".getBytes(StandardCharsets.UTF_8));
    });
    route("/slow-body", x -> {
      x.getResponseHeaders().add("Content-Type", "text/html");
      drip(x);
    });
    route("/loop", x -> {
      x.getResponseHeaders().add("Location", "/loop");
      x.sendResponseHeaders(302, -1);
      x.close();
    });
    route("/gzip-bomb", x -> {
      x.getResponseHeaders().add("Content-Type", "text/html");
      x.getResponseHeaders().add("Content-Encoding", "gzip");
      reply(x, 200, null, gzipOfZeros(256 << 20));
    });
    route("/oversize", x -> {
      x.getResponseHeaders().add("Content-Type", "text/html");
      x.sendResponseHeaders(200, 50L << 20);
      streamZeros(x, 50L << 20);
    });
    route("/oversize-chunked", x -> {
      x.getResponseHeaders().add("Content-Type", "text/html");
      x.sendResponseHeaders(200, 0);
      streamZeros(x, 50L << 20);
    });
    route("/deep", x -> reply(x, 200, "text/html", deepPage(100_000)));
    route("/binary", x -> {
      byte[] noise = new byte[1 << 20];
      new Random(7).nextBytes(noise);
      reply(x, 200, "text/html", noise);
    });
    route("/mostly-utf8", x -> reply(x, 200, "text/html", mostlyUtf8()));
    route("/truncated-feed", x -> {
      String feed = rss(3);
      reply(x, 200, "application/rss+xml", feed.substring(0, feed.indexOf("<title>Item 3")).getBytes(StandardCharsets.UTF_8));
    });
    route("/xxe", x -> reply(x, 200, "application/rss+xml", ("""
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
        <item><title>&xxe;</title><link>https://x.example/a</link><description>&xxe;</description></item>
        </channel></rss>""").getBytes(StandardCharsets.UTF_8)));
    route("/billion-laughs", x -> {
      StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
      for (int i = 1; i <= 9; i++) {
        dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
            .append("\">\n");
      }
      dtd.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><link>https://x.example/</link>"
          + "<description>d</description><item><title>&lol9;</title><link>https://x.example/a</link></item>"
          + "</channel></rss>");
      reply(x, 200, "application/rss+xml", dtd.toString().getBytes(StandardCharsets.UTF_8));
    });
    route("/page", x -> reply(x, 200, "text/html", ("<html><head><title>A page</title></head><body><article><p>"
        + "A plain article of one paragraph, long enough to be the text of the page and nothing more.</p></article>"
        + "</body></html>").getBytes(StandardCharsets.UTF_8)));
    route("/hook-redirect", x -> {
      x.getRequestBody().readAllBytes();
      x.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      x.sendResponseHeaders(307, -1);
      x.close();
    });
    route("/hook-drip", x -> {
      x.getRequestBody().readAllBytes();
      drip(x);
    });
    server.start();
  }

  @AfterAll
  static void report() throws IOException {
    server.stop(0);
    Path table = Path.of("target", "hostile-inputs.md");
    Files.createDirectories(table.getParent());
    Files.write(table, ROWS.stream().sorted().toList());
  }

  @Test
  void aPlainPageIsTheReference() throws Exception {
    // what any fetch and extraction costs here (models loaded, one page): the row the others compare with
    assertThat(extract("reference: a plain page", base + "/page").path("title").asText()).isEqualTo("A page");
  }

  @Test
  void slowHeadersEndAtTheFetchDeadline() throws Exception {
    JsonNode line = extract("slow headers (6 s before any byte)", base + "/slow-headers");
    assertThat(line.path("error").asText()).contains("timed out after 2 s");
  }

  @Test
  void aDrippedBodyEndsAtTheFetchDeadline() throws Exception {
    JsonNode line = extract("slow body (1 byte per 100 ms of 100,000)", base + "/slow-body");
    assertThat(line.path("error").asText()).contains("timed out after 2 s");
  }

  @Test
  void aRedirectLoopEndsAfterFiveHops() throws Exception {
    JsonNode line = extract("redirect loop", base + "/loop");
    assertThat(line.path("error").asText()).contains("more than 5 redirects");
  }

  @Test
  void aGzipBombIsCutAtTheBodyCap() throws Exception {
    JsonNode line = extract("gzip bomb (256 MB of zeros in 256 KB)", base + "/gzip-bomb");
    assertThat(line.path("error").asText()).contains("larger than the cap of 8388608 bytes");
  }

  @Test
  void anOversizeBodyIsRefusedByItsLengthOrCutAtTheCap() throws Exception {
    assertThat(extract("oversize, declared (50 MB)", base + "/oversize").path("error").asText())
        .contains("declares 52428800 bytes, over the cap of 8388608");
    assertThat(extract("oversize, chunked (50 MB)", base + "/oversize-chunked").path("error").asText())
        .contains("sent more than the cap of 8388608 bytes");
  }

  @Test
  void aHundredThousandNestedElementsGiveTheTextNotAStackOverflow() throws Exception {
    JsonNode line = extract("deep nesting (100,000 elements)", base + "/deep");
    assertThat(line.path("error").isMissingNode()).as(line.toString()).isTrue();
    assertThat(line.path("text").asText()).contains("the bottom of the page");
  }

  @Test
  void binaryNoiseServedAsHtmlEndsCleanly() throws Exception {
    JsonNode line = extract("binary (1 MB of random bytes as text/html)", base + "/binary");
    assertThat(line.has("error") || line.has("text")).as(line.toString()).isTrue();
  }

  @Test
  void invalidUtf8InAnOtherwiseUtf8PageKeepsItsCharacters() throws Exception {
    JsonNode line = extract("invalid UTF-8 in a UTF-8 page (no charset declared)", base + "/mostly-utf8");
    assertThat(line.path("text").asText()).contains("l’armée", "« coup »", "décembre").doesNotContain("â€");
  }

  @Test
  void aTruncatedFeedKeepsItsCompleteEntries() throws Exception {
    List<JsonNode> lines = extractAll("truncated feed (cut inside its third item)", base + "/truncated-feed");
    assertThat(lines).extracting(l -> l.path("title").asText()).contains("Item 1", "Item 2");
  }

  @Test
  void anExternalEntityIsNeverRead() throws Exception {
    List<JsonNode> lines = extractAll("XXE (external entity to /etc/passwd)", base + "/xxe");
    assertThat(lines.toString()).doesNotContain("root:");
    assertThat(lines).allSatisfy(l -> assertThat(l.has("error")).as(l.toString()).isTrue());
  }

  @Test
  void billionLaughsAreRefusedWithoutExpanding() throws Exception {
    List<JsonNode> lines = extractAll("billion laughs (10^9 expansions)", base + "/billion-laughs");
    assertThat(lines.toString()).doesNotContain("lollollol");
    assertThat(lines).allSatisfy(l -> assertThat(l.has("error")).as(l.toString()).isTrue());
  }

  @Test
  void privateAndObfuscatedAddressesAreRefusedForPages() throws Exception {
    int port = server.getAddress().getPort();
    for (String host : List.of("127.0.0.1", "localhost", "127.1", "2130706433", "[::1]", "[::ffff:127.0.0.1]",
        "0.0.0.0")) {
      JsonNode line = extract("page on " + host + " (guard on)", "http://" + host + ":" + port + "/page",
          "ingest.allow.private.addresses", "false");
      assertThat(line.path("error").asText()).as(host).contains("refused");
    }
    assertThat(extract("metadata address 169.254.169.254 (guard on)", "http://169.254.169.254/latest/meta-data/",
        "ingest.allow.private.addresses", "false").path("error").asText()).contains("refused");
  }

  @Test
  void webhooksOnPrivateAddressesAreRefusedAndHostileReceiversBounded() throws Exception {
    Settings guarded = Settings.defaults(Map.of("sink.alerts.webhook.timeout", TIMEOUT, "sink.alerts.webhook.attempts", "1"));
    Settings open = Settings.defaults(Map.of("sink.alerts.webhook.timeout", TIMEOUT, "sink.alerts.webhook.attempts", "1",
        "sink.alerts.webhook.allow.private.addresses", "true"));
    AlertRecord alert = AlertRecord.newBuilder().setAlertId("r:e").setRuleId("r").setRuleQuery("q").setEventId("e")
        .setStoryId("e").setMatchedTerms(List.of()).setCreatedAt(Instant.EPOCH).setOutletCount(1).build();
    for (String url : List.of(base + "/hook", "http://169.254.169.254/hook", "http://2130706433:9/hook",
        "http://[::ffff:127.0.0.1]:9/hook")) {
      WebhookClient.Outcome outcome = webhook("webhook on " + url.replaceFirst("^http://", "").replaceFirst("/hook$",
          "").replace(":" + server.getAddress().getPort(), ":PORT") + " (guard on)", guarded, url, alert);
      assertThat(outcome.error()).as(url).contains("refused");
    }
    assertThat(webhook("webhook that redirects to the metadata address", open, base + "/hook-redirect", alert).error())
        .contains("HTTP 307", "not retried");
    assertThat(webhook("webhook that drips its response", open, base + "/hook-drip", alert).error())
        .contains("timed out after 2 s");
  }

  // --- running a case and noting its outcome, time and peak heap

  private static JsonNode extract(String name, String input, String... settings) throws Exception {
    List<JsonNode> lines = extractAll(name, input, settings);
    assertThat(lines).as(name).hasSize(1);
    return lines.get(0);
  }

  private static List<JsonNode> extractAll(String name, String input, String... settings) throws Exception {
    List<String> args = new ArrayList<>(List.of("extract", "-D", "ingest.http.timeout=" + TIMEOUT,
        "-D", "ingest.allow.private.addresses=true"));
    for (int i = 0; i + 1 < settings.length; i += 2) {
      args.addAll(List.of("-D", settings[i] + "=" + settings[i + 1]));
    }
    args.add(input);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Measure measure = Measure.start();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    measure.note(name, describe(lines), ROWS);
    assertThat(code).as(err.toString()).isIn(0, 1);
    assertThat(err.toString()).as(name).doesNotContain("Exception in", "StackOverflowError", "OutOfMemoryError");
    return lines;
  }

  private static WebhookClient.Outcome webhook(String name, Settings settings, String url, AlertRecord alert)
      throws Exception {
    Measure measure = Measure.start();
    WebhookClient.Outcome outcome = WebhookDispatcher.client(settings).deliver(url, alert);
    measure.note(name, outcome.delivered() ? "delivered" : "not delivered: "
        + outcome.error().replace(":" + server.getAddress().getPort(), ":PORT"), ROWS);
    assertThat(outcome.delivered()).isFalse();
    return outcome;
  }

  private static String describe(List<JsonNode> lines) {
    List<String> parts = new ArrayList<>();
    int events = 0;
    for (JsonNode l : lines) {
      if (l.has("error")) {
        parts.add("error: " + l.get("error").asText().replace(":" + server.getAddress().getPort(), ":PORT")
            .replaceAll("\\d+ bytes, over", "N bytes, over").replace("|", "\\|"));
      } else {
        events++;
      }
    }
    if (events > 0) {
      parts.add(0, events + (events == 1 ? " document" : " documents") + " extracted");
    }
    String text = String.join("; ", parts);
    return text.length() > 220 ? text.substring(0, 217) + "..." : text;
  }

  /** Wall time and the heap's peak over a case (pools reset first; the sum of pool peaks, an upper bound). */
  private record Measure(long started, long baseline) {
    static Measure start() {
      System.gc();
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
          used += pool.getUsage().getUsed();
        }
      }
      return new Measure(System.nanoTime(), used);
    }

    void note(String name, String outcome, List<String> rows) {
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      synchronized (rows) {
        rows.add(String.format("| %s | %s | %,d ms | %d MB |", name, outcome, millis,
            Math.max(0, peak - baseline) >> 20));
      }
    }
  }

  // --- the hostile responses

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private static void route(String path, Handler handler) {
    server.createContext(path, exchange -> {
      try {
        handler.handle(exchange);
      } catch (IOException e) {
        // the client hung up, as it should
      } finally {
        exchange.close();
      }
    });
  }

  private static void reply(HttpExchange x, int status, String type, byte[] body) throws IOException {
    if (type != null) {
      x.getResponseHeaders().add("Content-Type", type);
    }
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  /** Headers at once, then 100,000 declared bytes at one byte per 100 ms (bounded, so the server thread ends). */
  private static void drip(HttpExchange x) throws IOException {
    x.sendResponseHeaders(200, 100_000);
    try (OutputStream out = x.getResponseBody()) {
      for (int i = 0; i < 100; i++) {
        out.write('x');
        out.flush();
        sleep(100);
      }
    }
  }

  private static void streamZeros(HttpExchange x, long bytes) throws IOException {
    byte[] block = new byte[64 << 10];
    try (OutputStream out = x.getResponseBody()) {
      for (long sent = 0; sent < bytes; sent += block.length) {
        out.write(block);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] gzipOfZeros(long bytes) throws IOException {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
      byte[] block = new byte[1 << 20];
      for (long done = 0; done < bytes; done += block.length) {
        gz.write(block);
      }
    }
    return packed.toByteArray();
  }

  private static byte[] deepPage(int depth) {
    StringBuilder page = new StringBuilder("<html><head><title>Deep</title></head><body>");
    page.append("<div>".repeat(depth));
    page.append("<p>A sentence at the bottom of the page, under a hundred thousand elements, is still found.</p>");
    page.append("</div>".repeat(depth));
    return page.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mostlyUtf8() throws IOException {
    ByteArrayOutputStream page = new ByteArrayOutputStream();
    page.write(("<html><head><title>Niamey</title></head><body><article><p>Niamey, 6 décembre 2023 – "
        + "l’armée parle d’un « coup » manqué.").getBytes(StandardCharsets.UTF_8));
    page.write(new byte[] {(byte) 0xE9, ' '}); // one Latin-1 é in the middle of UTF-8 text
    page.write(("Le texte continue, avec ses apostrophes ’ et ses tirets — comme un article ordinaire "
        + "d’un site d’information.</p></article></body></html>").getBytes(StandardCharsets.UTF_8));
    return page.toByteArray();
  }

  private static String rss(int items) {
    StringBuilder feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Feed</title><link>https://x.example/</link><description>d</description>");
    for (int i = 1; i <= items; i++) {
      feed.append("<item><title>Item ").append(i).append("</title><link>https://x.example/").append(i)
          .append("</link><description>Summary of item ").append(i).append(", a short text.</description></item>");
    }
    return feed.append("</channel></rss>").toString();
  }

}
