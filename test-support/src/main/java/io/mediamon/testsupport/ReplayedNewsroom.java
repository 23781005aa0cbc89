package io.mediamon.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A news site on loopback built from the real article pages of the shared Scrapinghub extraction corpus: an RSS
 * feed, an Atom feed and a Google News sitemap list the pages, the feeds with a one-paragraph summary taken from the
 * ground truth, the sitemap with the title alone. Some pages fail on purpose, one in ten each: 403, 404, 500, a
 * response slower than the client's time-out, and a path robots.txt disallows; the rest are served as published.
 * Every request is logged with its time, so a test can check the per-host pace.
 */
public final class ReplayedNewsroom implements AutoCloseable {
  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

  /** What a page does when fetched. */
  public enum Behaviour {
    SERVED(null), FORBIDDEN("HTTP 403"), NOT_FOUND("HTTP 404"), SERVER_ERROR("HTTP 500"), SLOW(null),
    DISALLOWED("robots.txt disallows");

    /** The {@code fetch_error} an event of such a page carries (SLOW: the client's time-out). */
    public final String fetchError;

    Behaviour(String fetchError) {
      this.fetchError = fetchError;
    }
  }

  /**
   * One entry of the site's feeds.
   *
   * @param channel {@code rss}, {@code atom} or {@code sitemap}
   * @param groundTruth the article's text as the corpus annotates it
   */
  public record Entry(String id, String url, String title, String summary, Behaviour behaviour, String channel,
      String groundTruth) {}

  /** A request the site answered. */
  public record Request(String path, long nanos) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "newsroom");
    t.setDaemon(true);
    return t;
  });
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
  private final Map<String, String> documents = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Duration slow;

  private ReplayedNewsroom(Duration slow) throws IOException {
    this.slow = slow;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /**
   * Starts the site with the first {@code count} pages of the corpus (in id order).
   *
   * @param corpora the shared corpora directory (see {@link SharedCorpora})
   * @param slow how long a slow page takes to answer
   */
  public static ReplayedNewsroom start(Path corpora, int count, Duration slow) throws IOException {
    ReplayedNewsroom site = new ReplayedNewsroom(slow);
    Path root = corpora.resolve("article-extraction-scrapinghub");
    JsonNode truth = new ObjectMapper().readTree(root.resolve("ground-truth.json").toFile());
    List<String> ids = new ArrayList<>();
    for (Iterator<String> it = truth.fieldNames(); it.hasNext(); ) {
      ids.add(it.next());
    }
    ids.sort(null);
    String base = "http://127.0.0.1:" + site.server.getAddress().getPort();
    for (int i = 0; i < Math.min(count, ids.size()); i++) {
      String id = ids.get(i);
      byte[] html;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(root.resolve("html/" + id + ".html.gz")))) {
        html = in.readAllBytes();
      }
      Behaviour behaviour = switch (i % 10) {
        case 3 -> Behaviour.FORBIDDEN;
        case 5 -> Behaviour.NOT_FOUND;
        case 7 -> Behaviour.SERVER_ERROR;
        case 8 -> Behaviour.SLOW;
        case 9 -> Behaviour.DISALLOWED;
        default -> Behaviour.SERVED;
      };
      String path = (behaviour == Behaviour.DISALLOWED ? "/private/" : "/articles/") + i + ".html";
      String body = truth.get(id).get("articleBody").asText();
      String channel = switch (i % 3) {
        case 0 -> "rss";
        case 1 -> "atom";
        default -> "sitemap";
      };
      site.pages.put(path, html);
      site.entries.add(new Entry(id, base + path, title(html, i), firstParagraph(body), behaviour, channel, body));
    }
    site.publish();
    site.server.start();
    return site;
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The number of article pages requested (robots.txt, feeds and sitemaps not counted). */
  public long pageRequests() {
    return requests.stream().filter(r -> r.path().startsWith("/articles/") || r.path().startsWith("/private/")).count();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** A feed list (YAML) of the site's two feeds and its news sitemap. */
  public Path writeFeedList(Path file) throws IOException {
    Files.writeString(file, "feeds:\n"
        + "  - url: " + url("/feeds/world.rss") + "\n    outlet: Replayed Daily\n    language: en\n"
        + "  - url: " + url("/feeds/tech.atom") + "\n    outlet: Replayed Daily\n"
        + "  - url: " + url("/news-sitemap.xml") + "\n    type: sitemap\n");
    return file;
  }

  private void publish() {
    StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Replayed Daily: World</title><link>" + url("/") + "</link><description>d</description>"
        + "<language>en-us</language>");
    StringBuilder atom = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Replayed Daily: Tech</title><id>" + url("/tech")
        + "</id><updated>2026-12-06T00:00:00Z</updated>");
    StringBuilder sitemap = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">");
    String published = Instant.now().minusSeconds(3600).toString();
    for (Entry e : entries) {
      switch (e.channel()) {
        case "rss" -> rss.append("<item><title>").append(xml(e.title())).append("</title><link>").append(e.url())
            .append("</link><guid>").append(e.url()).append("</guid><description>").append(xml("<p>" + e.summary() + "</p>"))
            .append("</description></item>");
        case "atom" -> atom.append("<entry><title>").append(xml(e.title())).append("</title><link href=\"")
            .append(e.url()).append("\"/><id>").append(e.url()).append("</id><updated>").append(published)
            .append("</updated><summary type=\"html\">").append(xml("<p>" + e.summary() + "</p>"))
            .append("</summary></entry>");
        default -> sitemap.append("<url><loc>").append(e.url()).append("</loc><news:news><news:publication>")
            .append("<news:name>Replayed Daily</news:name><news:language>en</news:language></news:publication>")
            .append("<news:publication_date>").append(published).append("</news:publication_date><news:title>")
            .append(xml(e.title())).append("</news:title></news:news></url>");
      }
    }
    documents.put("/feeds/world.rss", rss.append("</channel></rss>").toString());
    documents.put("/feeds/tech.atom", atom.append("</feed>").toString());
    documents.put("/news-sitemap.xml", sitemap.append("</urlset>").toString());
    documents.put("/robots.txt", "User-agent: *\nDisallow: /private/\n");
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(path, System.nanoTime()));
    try (exchange) {
      String document = documents.get(path);
      if (document != null) {
        String type = path.endsWith(".rss") ? "application/rss+xml" : path.endsWith(".atom") ? "application/atom+xml"
            : path.endsWith(".txt") ? "text/plain" : "application/xml";
        send(exchange, 200, type + "; charset=utf-8", document.getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] page = pages.get(path);
      Entry entry = entries.stream().filter(e -> e.url().endsWith(path)).findFirst().orElse(null);
      if (page == null || entry == null) {
        send(exchange, 404, "text/plain", new byte[0]);
        return;
      }
      switch (entry.behaviour()) {
        case FORBIDDEN -> send(exchange, 403, "text/plain", new byte[0]);
        case NOT_FOUND -> send(exchange, 404, "text/plain", new byte[0]);
        case SERVER_ERROR -> send(exchange, 500, "text/plain", new byte[0]);
        case SLOW -> {
          try {
            Thread.sleep(slow.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(exchange, 200, "text/html; charset=utf-8", page);
        }
        default -> send(exchange, 200, "text/html; charset=utf-8", page);
      }
    } catch (IOException e) {
      // the client gave up (the slow page): nothing to answer
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static String title(byte[] html, int i) {
    Matcher m = TITLE.matcher(new String(html, StandardCharsets.UTF_8));
    String t = m.find() ? m.group(1).replaceAll("\\s+", " ").strip() : "";
    t = t.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&#x27;", "'");
    return t.isEmpty() ? "Article " + i : t;
  }

  /** The ground truth's first paragraph, at most about 400 characters, ended at a sentence. */
  private static String firstParagraph(String body) {
    String p = body.strip().split("\\n\\s*\\n|\\n")[0].strip();
    if (p.length() > 400) {
      int end = p.lastIndexOf(". ", 400);
      p = end > 80 ? p.substring(0, end + 1) : p.substring(0, 400);
    }
    return p;
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Entries by behaviour, for reports. */
  public Map<Behaviour, Integer> behaviours() {
    Map<Behaviour, Integer> counts = new TreeMap<>();
    entries.forEach(e -> counts.merge(e.behaviour(), 1, Integer::sum));
    return counts;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
