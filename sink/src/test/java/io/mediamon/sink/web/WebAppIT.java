package io.mediamon.sink.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.common.ConfigException;
import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.AlertRule;
import io.mediamon.schemas.Topics;
import io.mediamon.testsupport.KafkaBrokerExtension;
import io.mediamon.testsupport.TopicProbe;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's API on a real broker: a story with two outlets and the copy's lag, the story page with both copies,
 * search that finds country:NE and not country:NO, a saved query written to media.alert-rules and its positioned
 * error, live updates over Server-Sent Events, and the guards (same-origin changes, token beyond loopback).
 */
class WebAppIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void shouldServeStoriesSearchRulesAndLiveUpdates() throws Exception {
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    WebFixture fixture = new WebFixture();
    fixture.publish(KAFKA.bootstrap());
    try (TopicProbe<String, AlertRule> ruleTopic = TopicProbe.atEnd(KAFKA.bootstrap(), Topics.ALERT_RULES);
        WebApp web = new WebApp(settings(Map.of()), dir)) {
      web.start();
      String base = "http://127.0.0.1:" + web.port();
      await(web::caughtUp, "the web app reads the topics to their end");

      JsonNode stories = get(base + "/api/stories").json();
      JsonNode story = find(stories.get("stories"), "story_id", fixture.seedId);
      assertThat(story.get("outlets").asInt()).isEqualTo(2);
      assertThat(story.get("copies").asInt()).isEqualTo(2);
      assertThat(story.get("lags").get(0).get("lag_ms").asLong()).isEqualTo(180_000);
      assertThat(story.get("lags").get(0).get("method").asText()).isEqualTo("near");
      assertThat(story.get("language").asText()).isEqualTo("fr");
      assertThat(story.get("countries").toString()).contains("NE");

      JsonNode page = get(base + "/api/stories/" + fixture.seedId).json();
      assertThat(page.get("events")).extracting(e -> e.get("id").asText())
          .containsExactly(fixture.seedId, fixture.copyId);
      assertThat(get(base + "/api/stories/nothing-" + fixture.run).status()).isEqualTo(404);

      JsonNode ne = get(base + "/api/search?q=" + encode("country:NE AND " + fixture.word)).json();
      assertThat(ne.get("total").asInt()).as("the copy shows on its story, not among hits").isEqualTo(1);
      assertThat(ne.get("hits").get(0).get("event_id").asText()).isEqualTo(fixture.seedId);
      assertThat(ne.get("facets").get("country").toString()).contains("\"NE\"");
      assertThat(get(base + "/api/search?q=" + encode("country:NO AND " + fixture.word)).json().get("total").asInt())
          .isZero();
      Response bad = get(base + "/api/search?q=" + encode("country:NE AND (topic:16000000"));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("position").asInt()).as("the index of the unclosed parenthesis").isEqualTo(15);
      assertThat(bad.json().get("error").asText()).contains("never closed");

      // live: a page that is open receives the next story
      List<String> received = new CopyOnWriteArrayList<>();
      HttpRequest live = HttpRequest.newBuilder(URI.create(base + "/api/stream")).build();
      var stream = http.sendAsync(live, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
        try (Stream<String> lines = r.body()) {
          lines.forEach(received::add);
        }
      });
      await(() -> received.contains(": connected"), "the event stream opens");
      String next = "next-" + fixture.run;
      fixture.publishStory(KAFKA.bootstrap(), next, "Sahel : une nouvelle histoire " + fixture.run);
      await(() -> received.stream().anyMatch(l -> l.startsWith("data: ") && l.contains(next)), "the new story is pushed");
      assertThat(received).contains("event: story");
      stream.cancel(true);

      // saved queries: only from mediamon's own pages, with a positioned error for a bad query
      String rule = "niger-" + fixture.run;
      String body = "{\"query\": \"country:NE AND topic:16000000\", \"enabled\": true}";
      assertThat(put(base + "/api/rules/" + rule, body, Map.of()).status()).isEqualTo(403);
      assertThat(put(base + "/api/rules/" + rule, body, Map.of("X-Mediamon-Request", "1",
          "Origin", "https://evil.example")).status()).isEqualTo(403);
      Response saved = put(base + "/api/rules/" + rule, body, Map.of("X-Mediamon-Request", "1"));
      assertThat(saved.status()).as(saved.json().toString()).isEqualTo(200);
      Response wrong = put(base + "/api/rules/" + rule, "{\"query\": \"country:\"}", Map.of("X-Mediamon-Request", "1"));
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(wrong.json().get("position").asInt()).isEqualTo(8);
      assertThat(get(base + "/api/rules").json().get("rules").toString()).contains(rule);
      List<ConsumerRecord<String, AlertRule>> written = ruleTopic.awaitUntil(
          r -> r.stream().anyMatch(x -> x.key().equals(rule)), Duration.ofSeconds(30));
      assertThat(written).anySatisfy(r -> assertThat(r.value().getQuery().toString())
          .isEqualTo("country:NE AND topic:16000000"));

      await(() -> {
        try {
          return get(base + "/api/status").json().path("topics").size() > 0;
        } catch (Exception e) {
          return false;
        }
      }, "the operator's figures");

      // DNS rebinding: a page of evil.example resolved to 127.0.0.1 is same-origin to the browser, not to the app
      assertThat(rawStatus(web.port(), "evil.example:" + web.port(), "GET /api/rules")).isEqualTo(421);
      assertThat(rawStatus(web.port(), "localhost:" + web.port(), "GET /api/rules")).isEqualTo(200);
      Response malformed = put(base + "/api/rules/" + rule, "{not json", Map.of("X-Mediamon-Request", "1"));
      assertThat(malformed.status()).isEqualTo(400);

      Response index = get(base + "/");
      assertThat(index.status()).isEqualTo(200);
      assertThat(index.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
      assertThat(index.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
  }

  @Test
  void shouldRequireATokenBeyondLoopbackAndWhenOneIsSet() throws Exception {
    assertThatThrownBy(() -> new WebApp(settings(Map.of("web.host", "0.0.0.0")), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("needs web.token");
    try (WebApp web = new WebApp(settings(Map.of("web.token", "s3cr3t-web-token")), dir)) {
      web.start();
      String base = "http://127.0.0.1:" + web.port();
      assertThat(get(base + "/api/stories").status()).isEqualTo(401);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/stories"))
          .header("Authorization", "Bearer s3cr3t-web-token").build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login?token=s3cr3t-web-token"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/rules"))
          .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);
      assertThat(get(base + "/login?token=wrong").status()).isEqualTo(401);
    }
  }

  private Settings settings(Map<String, String> more) {
    Map<String, String> values = new java.util.HashMap<>(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "web.port", "0",
        "web.status.interval", "1s"));
    values.putAll(more);
    return Settings.defaults(values);
  }

  record Response(int status, JsonNode json, java.net.http.HttpHeaders headers) {}

  private Response get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body().startsWith("{") ? JSON.readTree(r.body()) : null, r.headers());
  }

  private Response put(String url, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), JSON.readTree(r.body()), r.headers());
  }

  /** The status of a request sent by hand, with a Host header no HTTP client library lets one choose. */
  private static int rawStatus(int port, String host, String requestLine) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static JsonNode find(JsonNode list, String field, String value) {
    for (JsonNode n : list) {
      if (n.path(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + list);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
