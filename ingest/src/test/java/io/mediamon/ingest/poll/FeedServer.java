package io.mediamon.ingest.poll;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A host on loopback for poller tests: serves what the test puts at a path, and logs every request. */
final class FeedServer implements AutoCloseable {
  /** A response: status, headers, body. */
  record Response(int status, Map<String, String> headers, String body) {
    static Response ok(String contentType, String body) {
      return new Response(200, Map.of("Content-Type", contentType), body);
    }
  }

  /** A request as the server saw it. */
  record Request(String path, long nanos, Map<String, String> headers) {}

  private final HttpServer server;
  final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void put(String path, Response response) {
    routes.put(path, r -> response);
  }

  List<Request> requestsTo(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    Request request = new Request(exchange.getRequestURI().getPath(), System.nanoTime(), headers);
    requests.add(request);
    Function<Request, Response> route = routes.get(request.path());
    Response response = route == null ? new Response(404, Map.of(), "") : route.apply(request);
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  static String rss(String title, String... items) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>" + title
        + "</title><link>http://example.org/</link><description>d</description>\n");
    for (String item : items) {
      sb.append(item).append('\n');
    }
    return sb.append("</channel></rss>").toString();
  }

  static String item(String guid, String link, String title, String fullContent) {
    return "<item><guid isPermaLink=\"false\">" + guid + "</guid><link>" + link + "</link><title>" + title
        + "</title><description>Summary of " + title + "</description>"
        + (fullContent == null ? "" : "<content:encoded><![CDATA[<p>" + fullContent + "</p>]]></content:encoded>")
        + "<pubDate>Wed, 06 Dec 2023 08:00:00 GMT</pubDate></item>";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
