package io.mediamon.sink.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app's HTTP side on the JDK's server: the pages (HTML, CSS and JS from the jar), the JSON API and the event
 * stream, each response with headers that keep the pages to their own origin (CSP, no framing, no sniffing).
 * Requests are bounded in size and rate; {@link WebGuard} decides who may ask what.
 */
final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  static final int MAX_BODY = 64 * 1024;
  private static final Map<String, String> PAGES = Map.of("/", "index.html", "/index.html", "index.html",
      "/app.css", "app.css", "/app.js", "app.js");
  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /** One API route: reads the request, answers with a status and JSON. */
  interface Api {
    Answer handle(Request request) throws Exception;
  }

  /** A request: method, path below the route's prefix, query parameters and body. */
  record Request(String method, String rest, Map<String, String> query, byte[] body) {}

  /** An answer: HTTP status and JSON. */
  record Answer(int status, JsonNode json) {
    static Answer ok(JsonNode json) {
      return new Answer(200, json);
    }

    static Answer error(int status, String message) {
      return new Answer(status, WebViews.JSON.createObjectNode().put("error", message));
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final WebGuard guard;
  private final EventStream stream;

  WebServer(String host, int port, WebGuard guard, EventStream stream, Map<String, Api> routes) throws IOException {
    this.guard = guard;
    this.stream = stream;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    this.threads = Executors.newFixedThreadPool(48, r -> {
      Thread t = new Thread(r, "mediamon-web");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::page);
    server.createContext("/login", this::login);
    server.createContext("/api/stream", this::stream);
    routes.forEach((prefix, api) -> server.createContext(prefix, exchange -> api(exchange, prefix, api)));
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void page(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (refused(exchange)) {
        return;
      }
      String file = PAGES.get(exchange.getRequestURI().getPath());
      if (file == null) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] body;
      try (InputStream in = WebServer.class.getResourceAsStream("/web/" + file)) {
        body = in.readAllBytes();
      }
      String type = file.endsWith(".css") ? "text/css" : file.endsWith(".js") ? "text/javascript" : "text/html";
      send(exchange, 200, type + "; charset=utf-8", body);
    }
  }

  /** Sets the token cookie from {@code ?token=} and goes to the pages: a link an operator can bookmark. */
  private void login(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (refused(exchange)) { // rate-limited like every request: no unthrottled token guessing
        return;
      }
      String given = query(exchange).get("token");
      if (!guard.tokenRequired() || !guard.matches(given)) {
        send(exchange, guard.tokenRequired() ? 401 : 404, "text/plain; charset=utf-8",
            (guard.tokenRequired() ? "wrong token" : "no token needed").getBytes(StandardCharsets.UTF_8));
        return;
      }
      exchange.getResponseHeaders().add("Set-Cookie", WebGuard.COOKIE + "=" + given
          + "; Path=/; HttpOnly; SameSite=Strict");
      exchange.getResponseHeaders().add("Location", "/");
      send(exchange, 303, "text/plain; charset=utf-8", new byte[0]);
    }
  }

  private void stream(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (refused(exchange)) {
        return;
      }
      security(exchange);
      if (!stream.serve(exchange)) {
        send(exchange, 503, "text/plain; charset=utf-8", "too many live pages".getBytes(StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void api(HttpExchange exchange, String prefix, Api api) throws IOException {
    try (exchange) {
      if (refused(exchange)) {
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        json(exchange, Answer.error(413, "request body over " + MAX_BODY + " bytes"));
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String rest = path.length() > prefix.length() ? path.substring(prefix.length()).replaceFirst("^/", "") : "";
      Answer answer;
      try {
        answer = api.handle(new Request(exchange.getRequestMethod(), URLDecoder.decode(rest, StandardCharsets.UTF_8),
            query(exchange), body));
      } catch (IllegalArgumentException e) {
        answer = Answer.error(400, e.getMessage());
      } catch (Exception e) {
        LOG.warn("web: {} {} failed", exchange.getRequestMethod(), path, e);
        answer = Answer.error(500, "internal error: " + e.getClass().getSimpleName());
      }
      json(exchange, answer);
    }
  }

  private boolean refused(HttpExchange exchange) throws IOException {
    WebGuard.Refusal refusal = guard.check(exchange);
    if (refusal == null) {
      return false;
    }
    json(exchange, Answer.error(refusal.status(), refusal.reason()));
    return true;
  }

  private static void json(HttpExchange exchange, Answer answer) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, answer.status(), "application/json; charset=utf-8",
        WebViews.JSON.writeValueAsBytes(answer.json()));
  }

  private static void security(HttpExchange exchange) {
    exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    security(exchange);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  static ObjectNode object() {
    return WebViews.JSON.createObjectNode();
  }

  @Override
  public void close() {
    stream.close();
    server.stop(1);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
