package io.mediamon.sink.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediamon.common.PublicAddresses;
import io.mediamon.common.Redaction;
import io.mediamon.common.RetryAfter;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.AvroJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs an alert to a webhook with a Slack-compatible body ({@code text}, plus the whole alert under {@code alert}),
 * and an {@code Idempotency-Key} header (the alert id) so a receiver can drop the repeats that at-least-once delivery
 * may bring. Time-outs on connect and on the whole request; retries with exponential back-off on network errors,
 * 408, 425, 429 and 5xx, waiting what a {@code Retry-After} header asks (within the cap). Other 4xx are final, and
 * so are redirects, which are not followed. Receivers must be public addresses unless allowed ({@link
 * PublicAddresses}).
 */
public final class WebhookClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final Policy policy;
  private final Sleeper sleeper;
  private final String userAgent;
  private final boolean allowPrivate;

  /** How hard to try: time-out per attempt, number of attempts, first back-off and its cap. */
  public record Policy(Duration timeout, int attempts, Duration backoff, Duration maxBackoff) {}

  /** What a delivery came to. */
  public record Outcome(boolean delivered, int attempts, int lastStatus, String error) {}

  /** Waits between attempts; tests record the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * @param allowPrivate whether receivers on loopback and private networks may be POSTed to
   *     ({@code sink.alerts.webhook.allow.private.addresses}; off by default: a rule is no way into the local network)
   */
  public WebhookClient(Policy policy, boolean allowPrivate, String userAgent, Sleeper sleeper) {
    this.policy = policy;
    this.allowPrivate = allowPrivate;
    this.sleeper = sleeper;
    this.userAgent = userAgent;
    this.http = HttpClient.newBuilder().connectTimeout(policy.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Delivers one alert to one URL, retrying as the policy says. */
  public Outcome deliver(String url, AlertRecord alert) throws InterruptedException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(policy.timeout())
          .header("Content-Type", "application/json; charset=utf-8")
          .header("User-Agent", userAgent)
          .header("Idempotency-Key", alert.getAlertId())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body(alert))).build();
    } catch (IllegalArgumentException e) {
      return new Outcome(false, 0, -1, "not a webhook URL: " + Redaction.webhook(url));
    }
    int status = -1;
    String error = null;
    for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
      Duration wait = backoff(attempt);
      // checked before every attempt (redirects are never followed, so the address checked is the one POSTed to); a
      // name that does not resolve now may resolve at the next attempt, an address that is not public never will
      Optional<String> refused = PublicAddresses.refusal(request.uri(), allowPrivate,
          "sink.alerts.webhook.allow.private.addresses", Redaction.webhook(url));
      if (refused.isPresent() && !refused.get().startsWith("cannot resolve")) {
        return new Outcome(false, attempt - 1, -1, refused.get() + " (not retried)");
      }
      if (refused.isPresent()) {
        error = refused.get();
        if (attempt < policy.attempts()) {
          sleeper.sleep(wait);
        }
        continue;
      }
      try {
        HttpResponse<Void> response = send(request);
        status = response.statusCode();
        if (status / 100 == 2) {
          return new Outcome(true, attempt, status, null);
        }
        error = "HTTP " + status;
        if (!retryable(status)) {
          return new Outcome(false, attempt, status, error + " (not retried)");
        }
        wait = retryAfter(response).map(this::capped).orElse(wait);
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
      }
      if (attempt < policy.attempts()) {
        sleeper.sleep(wait);
      }
    }
    return new Outcome(false, policy.attempts(), status, error);
  }

  /**
   * One attempt within {@code timeout} from start to the end of the response body: the request's own time-out covers
   * the wait for the response headers only, and a receiver that drips its body would hold the dispatcher for ever.
   */
  private HttpResponse<Void> send(HttpRequest request) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return response.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new HttpTimeoutException("timed out after " + policy.timeout().toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      response.cancel(true);
      throw e;
    }
  }

  static boolean retryable(int status) {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  private Duration backoff(int attempt) {
    long factor = 1L << Math.min(20, attempt - 1);
    return capped(policy.backoff().multipliedBy(factor));
  }

  private Duration capped(Duration d) {
    return d.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : d.isNegative() ? Duration.ZERO : d;
  }

  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
  }

  /** Slack's incoming webhooks read {@code text} (mrkdwn); other receivers read the alert itself. */
  static byte[] body(AlertRecord alert) {
    try {
      ObjectNode body = JSON.createObjectNode();
      String title = alert.getTitle() != null ? alert.getTitle() : alert.getEventId();
      String link = alert.getUrl() != null ? "<" + alert.getUrl() + "|" + escape(title) + ">" : escape(title);
      body.put("text", link + "\n*" + escape(alert.getRuleId()) + "*: `" + escape(alert.getRuleQuery()) + "` · "
          + (alert.getSource() != null ? escape(alert.getSource()) + " · " : "")
          + alert.getOutletCount() + (alert.getOutletCount() == 1 ? " outlet" : " outlets"));
      ObjectNode whole = (ObjectNode) JSON.readTree(AvroJson.toJson(alert));
      whole.remove("webhooks"); // each receiver's URL is its credential: no receiver learns another's
      body.set("alert", whole);
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render alert " + alert.getAlertId(), e);
    }
  }

  /** Slack's three control characters. */
  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
