package io.mediamon.sink.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediamon.common.ConfigException;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.AlertRule;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.alert.Query;
import io.mediamon.sink.alert.QueryException;
import io.mediamon.sink.alert.RuleBook;
import io.mediamon.sink.ops.PipelineStatus;
import io.mediamon.sink.search.SearchIndex;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app: live stories, search over the past, saved queries and the operator's view, on
 * {@code http://web.host:web.port}. Reads the topics through {@link WebFeed} (search index under {@code web.index.dir},
 * rebuilt from the topics when absent), writes only saved queries (media.alert-rules), and serves the pages and the
 * JSON API through {@link WebServer}. Binds to loopback unless told otherwise, and then requires {@code web.token}.
 */
public final class WebApp implements io.mediamon.common.Service {
  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Settings settings;
  private final SearchIndex index;
  private final StoryBoard stories;
  private final RuleBoard rules;
  private final EventStream stream;
  private final WebFeed feed;
  private final WebServer server;
  private final Thread feedThread;
  private final Thread statusThread;
  private final KafkaProducer<String, AlertRule> ruleWriter;
  private volatile JsonNode status = WebViews.JSON.createObjectNode();
  private volatile boolean running = true;

  public WebApp(Settings settings, Path dataDir) throws Exception {
    this.settings = settings;
    String host = settings.string("web.host");
    String token = settings.optional("web.token");
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress() && (token == null || token.isBlank())) {
      throw new ConfigException("web.host", host, settings.origin("web.host"),
          "listening beyond loopback needs web.token (sent as a bearer token or set by /login?token=…)");
    }
    String indexDir = settings.optional("web.index.dir");
    Path indexPath = indexDir == null || indexDir.isBlank() ? dataDir.resolve("web").resolve("index") : Path.of(indexDir);
    Files.createDirectories(indexPath);
    this.index = new SearchIndex(indexPath);
    this.stories = new StoryBoard(settings.integer("web.stories.max"));
    String rulesFile = settings.optional("sink.alerts.rules");
    this.rules = new RuleBoard(rulesFile == null || rulesFile.isBlank() ? List.of()
        : RuleBook.load(Path.of(rulesFile)).rules());
    // each live page holds one of the server's 48 threads: leave some for the rest
    this.stream = new EventStream(settings.integer("web.live.max"));
    this.feed = new WebFeed(settings, index, stories, rules, new WebFeed.Listener() {
      @Override
      public void story(String storyId) {
        StoryBoard.Entry entry = stories.get(storyId);
        if (entry != null) {
          stream.send("story", WebViews.story(entry, index.event(storyId)).toString());
        }
      }

      @Override
      public void match(AlertRecord alert) {
        stream.send("match", WebViews.match(alert).toString());
      }
    });
    this.ruleWriter = new KafkaProducer<>(KafkaClients.idempotentWriter(settings, "mediamon-web-rules"),
        Topics.ALERT_RULES.keySerde().serializer(), Topics.ALERT_RULES.valueSerde().serializer());
    Map<String, WebServer.Api> routes = new LinkedHashMap<>();
    routes.put("/api/stories", this::stories);
    routes.put("/api/search", this::search);
    routes.put("/api/rules", this::rules);
    routes.put("/api/status", request -> WebServer.Answer.ok(status));
    int port = settings.integer("web.port");
    try {
      this.server = new WebServer(host, port, new WebGuard(token, settings.integer("web.rate")), stream,
          routes);
    } catch (java.net.BindException e) {
      ruleWriter.close(Duration.ZERO);
      index.close();
      throw new IllegalStateException("web.port " + port + " on " + host + " is taken: set web.port (0 for any free "
          + "port) or web.enabled=false");
    }
    this.feedThread = new Thread(feed, "mediamon-web-feed");
    this.statusThread = new Thread(this::refreshStatus, "mediamon-web-status");
  }

  /** Starts reading the topics and serving; returns at once. */
  @Override
  public void start() {
    feedThread.start();
    statusThread.start();
    server.start();
    LOG.info("web app at http://{}:{}/", settings.string("web.host"), server.port());
  }

  public int port() {
    return server.port();
  }

  /** Whether every topic has been read to its end once since the start. */
  public boolean caughtUp() {
    return feed.caughtUp();
  }

  /** Serving, with pages complete: every topic read to its end once. */
  @Override
  public boolean ready() {
    return caughtUp();
  }

  private WebServer.Answer stories(WebServer.Request request) {
    if (request.rest().isEmpty()) {
      int limit = Math.max(1, Math.min(1000, intParam(request, "limit", 200)));
      ArrayNode list = WebViews.JSON.createArrayNode();
      for (StoryBoard.Entry entry : stories.recent(limit)) {
        list.add(WebViews.story(entry, index.event(entry.story().getStoryId())));
      }
      ObjectNode out = WebServer.object();
      out.set("stories", list);
      return WebServer.Answer.ok(out);
    }
    String id = request.rest();
    StoryBoard.Entry entry = stories.get(id);
    List<JsonNode> events = index.story(id, 100);
    if (entry == null && events.isEmpty()) {
      return WebServer.Answer.error(404, "no story " + id);
    }
    ObjectNode out = WebServer.object();
    if (entry != null) {
      out.set("story", WebViews.story(entry, index.event(id)));
    }
    ArrayNode list = out.putArray("events");
    events.forEach(list::add);
    return WebServer.Answer.ok(out);
  }

  private WebServer.Answer search(WebServer.Request request) {
    String text = request.query().getOrDefault("q", "").strip();
    int page = Math.max(1, intParam(request, "page", 1));
    int size = Math.max(1, Math.min(100, intParam(request, "size", 20)));
    if (page * size > 10_000) {
      return WebServer.Answer.error(400, "pages beyond the first 10,000 hits: narrow the query");
    }
    Query query;
    try {
      query = Query.parse(text);
    } catch (QueryException e) {
      return queryError(e, text);
    }
    try {
      return WebServer.Answer.ok(WebViews.searchResult(text, page, size, index.search(query, page - 1, size)));
    } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
      return new WebServer.Answer(400, WebServer.object().put("error", "too many terms for a search: "
          + e.getMessage()).put("position", 0).put("query", text));
    }
  }

  private WebServer.Answer rules(WebServer.Request request) throws Exception {
    String rest = request.rest();
    if (rest.isEmpty()) {
      ArrayNode list = WebViews.JSON.createArrayNode();
      rules.fileRules().values().forEach(r -> list.add(WebViews.rule(r)));
      rules.liveRules().values().forEach(r -> list.add(WebViews.rule(r)));
      ObjectNode out = WebServer.object();
      out.set("rules", list);
      return WebServer.Answer.ok(out);
    }
    if (rest.endsWith("/matches")) {
      ArrayNode list = WebViews.JSON.createArrayNode();
      rules.matches(rest.substring(0, rest.length() - "/matches".length())).forEach(m -> list.add(WebViews.match(m)));
      ObjectNode out = WebServer.object();
      out.set("matches", list);
      return WebServer.Answer.ok(out);
    }
    if (!RULE_ID.matcher(rest).matches()) {
      return WebServer.Answer.error(400, "a rule id is 1 to 64 letters, digits, - and _");
    }
    if (!feed.caughtUp()) {
      // until the rules topic is read, an edit would not know the rule's webhooks
      return WebServer.Answer.error(503, "still reading the topics: try again in a moment");
    }
    if (rules.isFileRule(rest)) {
      return WebServer.Answer.error(409, "rule " + rest + " comes from the rules file (sink.alerts.rules): edit it there");
    }
    switch (request.method()) {
      case "PUT" -> {
        JsonNode body;
        try {
          body = WebViews.JSON.readTree(request.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          return WebServer.Answer.error(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
          return WebServer.Answer.error(400, "the body is a JSON object: {\"query\": …, \"enabled\": true}");
        }
        String text = body.path("query").asText("").strip();
        try {
          Query.parse(text);
        } catch (QueryException e) {
          return queryError(e, text);
        }
        AlertRule previous = rules.live(rest);
        AlertRule rule = AlertRule.newBuilder().setId(rest).setQuery(text)
            .setWebhooks(previous == null ? List.of() : previous.getWebhooks())
            .setEnabled(body.path("enabled").asBoolean(true)).setUpdatedAt(Instant.now()).setUpdatedBy("web").build();
        ruleWriter.send(new ProducerRecord<>(Topics.ALERT_RULES.name(), rest, rule)).get(30, TimeUnit.SECONDS);
        rules.put(rest, rule);
        ObjectNode out = WebServer.object();
        out.set("rule", WebViews.rule(rule));
        return WebServer.Answer.ok(out);
      }
      case "DELETE" -> {
        ruleWriter.send(new ProducerRecord<>(Topics.ALERT_RULES.name(), rest, null)).get(30, TimeUnit.SECONDS);
        rules.put(rest, null);
        return WebServer.Answer.ok(WebServer.object().put("deleted", rest));
      }
      default -> {
        return WebServer.Answer.error(405, "PUT or DELETE a rule");
      }
    }
  }

  private static WebServer.Answer queryError(QueryException e, String text) {
    return new WebServer.Answer(400, WebServer.object().put("error", e.getMessage()).put("position", e.position())
        .put("query", text));
  }

  private static int intParam(WebServer.Request request, String name, int otherwise) {
    try {
      return Integer.parseInt(request.query().getOrDefault(name, String.valueOf(otherwise)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }

  /** The operator's figures, refreshed every {@code web.status.interval} and pushed to the live pages. */
  private void refreshStatus() {
    Duration interval = settings.duration("web.status.interval");
    try (Admin admin = Admin.create(KafkaClients.base(settings, "mediamon-web-status"))) {
      PipelineStatus pipeline = new PipelineStatus(settings, admin);
      while (running) {
        try {
          ObjectNode next = WebViews.status(pipeline.snapshot(Duration.ofSeconds(1),
              settings.duration("sink.metrics.window")));
          next.putObject("web").put("caught_up", feed.caughtUp()).put("feed_error", feed.lastError())
              .put("events_searchable", index.size());
          status = next;
          stream.send("status", status.toString());
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          LOG.warn("web: status not refreshed: {}", e.toString());
        }
        try {
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    server.close();
    feed.close();
    statusThread.interrupt();
    try {
      feedThread.join(10_000);
      statusThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ruleWriter.close(Duration.ofSeconds(5));
    index.close();
  }
}
