package io.mediamon.sink.web;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the web app and how: a token when it listens beyond loopback (bearer header or the cookie /login sets),
 * mutating requests only from its own pages (a custom header no cross-site form can send, and a matching Origin), and
 * a request rate per client address.
 */
final class WebGuard {
  static final String COOKIE = "mediamon_token";
  static final String REQUEST_HEADER = "X-Mediamon-Request";
  private final String token;
  private final int perSecond;
  private final Map<InetAddress, long[]> buckets = new ConcurrentHashMap<>();

  /** What a request may not do, with its HTTP status; null when it may. */
  record Refusal(int status, String reason) {}

  WebGuard(String token, int perSecond) {
    this.token = token == null || token.isBlank() ? null : token;
    this.perSecond = perSecond;
  }

  boolean tokenRequired() {
    return token != null;
  }

  Refusal check(HttpExchange exchange) {
    if (!allowRate(exchange.getRemoteAddress().getAddress())) {
      return new Refusal(429, "too many requests");
    }
    if (token == null && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
      // without a token the app is for this machine only: a page of another site whose name was made to resolve
      // to 127.0.0.1 (DNS rebinding) is same-origin to the browser, but its Host header still names that site
      return new Refusal(421, "this mediamon answers to localhost only (set web.token to serve other names)");
    }
    String path = exchange.getRequestURI().getPath();
    if (token != null && !path.equals("/login") && !authenticated(exchange)) {
      return new Refusal(401, "a token is required: open /login?token=…");
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      if (!"1".equals(exchange.getRequestHeaders().getFirst(REQUEST_HEADER))) {
        return new Refusal(403, "a change must come from mediamon's own pages (" + REQUEST_HEADER + " header)");
      }
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      String host = exchange.getRequestHeaders().getFirst("Host");
      if (origin != null && (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host)))) {
        return new Refusal(403, "cross-site request refused");
      }
      if ("cross-site".equals(exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"))) {
        return new Refusal(403, "cross-site request refused");
      }
    }
    return null;
  }

  /** Whether a Host header names this machine by its loopback names, with or without a port. */
  static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
        : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    name = name.toLowerCase(java.util.Locale.ROOT);
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
  }

  /** Whether the token given matches, compared in constant time. */
  boolean matches(String given) {
    return token != null && given != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }

  private boolean authenticated(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.startsWith("Bearer ") && matches(authorization.substring(7).strip())) {
      return true;
    }
    String cookies = exchange.getRequestHeaders().getFirst("Cookie");
    if (cookies != null) {
      for (String cookie : cookies.split(";")) {
        String c = cookie.strip();
        if (c.startsWith(COOKIE + "=") && matches(c.substring(COOKIE.length() + 1))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A token bucket per address: {@code perSecond} requests a second, bursts up to twice that. */
  private boolean allowRate(InetAddress address) {
    long[] bucket = buckets.computeIfAbsent(address, a -> new long[] {System.nanoTime(), 2L * perSecond * 1000});
    synchronized (bucket) {
      long now = System.nanoTime();
      long refill = (now - bucket[0]) / 1_000_000 * perSecond; // thousandths of a request
      bucket[0] = now;
      bucket[1] = Math.min(2L * perSecond * 1000, bucket[1] + refill);
      if (bucket[1] < 1000) {
        return false;
      }
      bucket[1] -= 1000;
      return true;
    }
  }
}
