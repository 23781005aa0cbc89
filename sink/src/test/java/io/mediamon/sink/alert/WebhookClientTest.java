package io.mediamon.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mediamon.schemas.AlertRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook client against a real HTTP server on loopback; waits between attempts are recorded, not slept. */
class WebhookClientTest {
  private HttpServer server;
  private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final List<Duration> waits = new ArrayList<>();
  private volatile int[] statuses = {200};
  private volatile String retryAfter;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      int call = calls.getAndIncrement();
      idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      bodies.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
      int status = statuses[Math.min(call, statuses.length - 1)];
      if (retryAfter != null) {
        exchange.getResponseHeaders().add("Retry-After", retryAfter);
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.createContext("/drip", exchange -> {
      // headers at once, then a body of 100,000 bytes at one byte per 100 ms (bounded, so the server thread ends)
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 100_000);
      try (var body = exchange.getResponseBody()) {
        for (int i = 0; i < 100; i++) {
          body.write('x');
          body.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException e) {
        // the client gave up
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private WebhookClient client(int attempts) {
    return client(attempts, true);
  }

  private WebhookClient client(int attempts, boolean allowPrivate) {
    return new WebhookClient(new WebhookClient.Policy(Duration.ofSeconds(5), attempts, Duration.ofSeconds(1),
        Duration.ofSeconds(5)), allowPrivate, "mediamon-test", waits::add);
  }

  static AlertRecord alert() {
    return AlertRecord.newBuilder().setAlertId("niger-conflict:seed").setRuleId("niger-conflict")
        .setRuleQuery("country:NE AND topic:16000000").setEventId("seed").setStoryId("seed")
        .setTitle("Niger : La Russie s’installe <vite>").setUrl("https://example.org/a").setSource("Lomé Actu")
        .setMatchedTerms(List.of("country:NE")).setCreatedAt(Instant.parse("2023-12-06T08:00:00Z")).setOutletCount(3)
        .build();
  }

  @Test
  void shouldPostASlackCompatibleBodyWithTheIdempotencyKey() throws Exception {
    WebhookClient.Outcome outcome = client(3).deliver(url(), alert());

    assertThat(outcome.delivered()).isTrue();
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(idempotencyKeys).containsExactly("niger-conflict:seed");
    JsonNode body = bodies.get(0);
    assertThat(body.get("text").asText()).isEqualTo("<https://example.org/a|Niger : La Russie s’installe &lt;vite&gt;>\n"
        + "*niger-conflict*: `country:NE AND topic:16000000` · Lomé Actu · 3 outlets");
    assertThat(body.at("/alert/story_id").asText()).isEqualTo("seed");
    assertThat(body.at("/alert/outlet_count").asInt()).isEqualTo(3);
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldRetryServerErrorsWithDoublingBackOffAndGiveUpAfterTheLastAttempt() throws Exception {
    statuses = new int[] {500, 502, 503, 500};
    WebhookClient.Outcome outcome = client(4).deliver(url(), alert());

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(4);
    assertThat(outcome.error()).isEqualTo("HTTP 500");
    assertThat(calls).hasValue(4);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(idempotencyKeys).containsOnly("niger-conflict:seed");
  }

  @Test
  void shouldObeyRetryAfterWithinTheCapAndSucceedLater() throws Exception {
    statuses = new int[] {429, 429, 200};
    retryAfter = "3";
    assertThat(client(5).deliver(url(), alert()).attempts()).isEqualTo(3);
    retryAfter = "3600";
    statuses = new int[] {503, 200};
    calls.set(0);
    assertThat(client(5).deliver(url(), alert()).delivered()).isTrue();
    assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  @Test
  void shouldNotRetryAClientErrorNorAnUnreachableUrlForever() throws Exception {
    statuses = new int[] {404};
    WebhookClient.Outcome notFound = client(5).deliver(url(), alert());
    assertThat(notFound.delivered()).isFalse();
    assertThat(notFound.attempts()).isEqualTo(1);
    assertThat(notFound.error()).contains("HTTP 404", "not retried");

    server.stop(0);
    WebhookClient.Outcome refused = client(2).deliver(url(), alert());
    assertThat(refused.delivered()).isFalse();
    assertThat(refused.attempts()).isEqualTo(2);
    assertThat(refused.error()).contains("ConnectException");
    assertThat(client(2).deliver("not a url", alert()).error()).contains("not a webhook URL");
  }

  @Test
  void shouldRefuseNonPublicReceiversUnlessAllowedAndNameThemByHostOnly() throws Exception {
    WebhookClient guarded = client(3, false);
    String secretPath = url() + "/T0-s3cr3t?token=s3cr3t";
    WebhookClient.Outcome local = guarded.deliver(secretPath, alert());
    assertThat(local.delivered()).isFalse();
    assertThat(local.attempts()).isZero();
    assertThat(local.error()).contains("refused http://127.0.0.1:" + server.getAddress().getPort() + "/[hidden]",
        "resolves to non-public 127.0.0.1", "sink.alerts.webhook.allow.private.addresses=true", "not retried")
        .doesNotContain("s3cr3t");
    for (String target : List.of("http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/", "http://10.1.2.3/h",
        "http://[::ffff:127.0.0.1]/h", "http://0.0.0.0:9/h", "http://100.64.0.1/h", "http://[fd00::1]/h",
        "http://localhost/h", "http://2130706433/h", "file:///etc/passwd", "gopher://127.0.0.1/")) {
      WebhookClient.Outcome outcome = guarded.deliver(target, alert());
      assertThat(outcome.delivered()).as(target).isFalse();
      assertThat(outcome.attempts()).as(target).isZero();
    }
    assertThat(calls).as("no request reached the local receiver").hasValue(0);
    // a name that does not resolve may resolve later: retried like a network error, never sent unchecked
    WebhookClient.Outcome unresolved = guarded.deliver("http://no-such-host.invalid/h", alert());
    assertThat(unresolved.delivered()).isFalse();
    assertThat(unresolved.attempts()).isEqualTo(3);
    assertThat(unresolved.error()).contains("cannot resolve");
  }

  @Test
  void shouldGiveUpOnAReceiverThatDripsItsResponseWithinTheTimeOut() throws Exception {
    WebhookClient client = new WebhookClient(new WebhookClient.Policy(Duration.ofSeconds(1), 1, Duration.ofSeconds(1),
        Duration.ofSeconds(1)), true, "mediamon-test", waits::add);
    long started = System.nanoTime();
    WebhookClient.Outcome outcome = client.deliver(url().replace("/hook", "/drip"), alert());
    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.error()).contains("timed out after 1 s");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shouldNotFollowARedirectNorTellAReceiverWhereElseTheAlertGoes() throws Exception {
    statuses = new int[] {302};
    WebhookClient.Outcome moved = client(3).deliver(url(), alert());
    assertThat(moved.delivered()).isFalse();
    assertThat(moved.error()).contains("HTTP 302", "not retried");

    statuses = new int[] {200};
    calls.set(0);
    AlertRecord withHooks = AlertRecord.newBuilder(alert())
        .setWebhooks(List.of(url(), "https://hooks.example.com/services/T0/B0/s3cr3t")).build();
    assertThat(client(1).deliver(url(), withHooks).delivered()).isTrue();
    assertThat(bodies.get(bodies.size() - 1).toString()).doesNotContain("s3cr3t", "webhooks");
  }
}
