package io.mediamon.sink.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.AlertRule;
import io.mediamon.schemas.StoryCopy;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.sink.alert.RuleBook;
import io.mediamon.sink.search.SearchIndex;
import java.util.Iterator;
import java.util.Map;

/** The JSON the web app's pages read: stories, search results, rules, matches and the operator's status. */
final class WebViews {
  static final ObjectMapper JSON = new ObjectMapper();

  private WebViews() {}

  /** A story for the list: the story record, with language, tags and links of its first copy when indexed. */
  static ObjectNode story(StoryBoard.Entry entry, JsonNode first) {
    StoryRecord s = entry.story();
    ObjectNode out = JSON.createObjectNode();
    out.put("story_id", s.getStoryId());
    out.put("title", s.getTitle() != null ? s.getTitle() : first == null ? null : first.path("title").asText(null));
    out.put("url", first == null ? null : text(first, "canonical_url", text(first, "url", null)));
    out.put("first_publisher", s.getFirstPublisher());
    out.put("first_seen_at", entry.firstSeen().toString());
    out.put("updated_at", entry.updatedAt().toString());
    out.put("outlets", s.getSourceCount());
    out.put("copies", s.getArticleCount());
    ArrayNode sources = out.putArray("sources");
    s.getSources().forEach(source -> sources.add(source.toString()));
    ArrayNode lags = out.putArray("lags");
    for (StoryCopy copy : s.getCopies()) {
      if (copy.getEventId().equals(s.getStoryId())) {
        continue;
      }
      ObjectNode lag = lags.addObject().put("event_id", copy.getEventId()).put("lag_ms", copy.getLagMs());
      lag.put("source", copy.getSource()).put("method", copy.getMethod());
      if (copy.getSimilarity() != null) {
        lag.put("similarity", copy.getSimilarity());
      }
    }
    out.put("language", first == null ? null : text(first, "language", null));
    ArrayNode countries = out.putArray("countries");
    ArrayNode topics = out.putArray("topics");
    ArrayNode posts = out.putArray("linked_posts");
    if (first != null) {
      first.path("tags").path("countries").forEach(countries::add);
      for (JsonNode t : first.path("tags").path("topics")) {
        topics.addObject().put("code", t.path("code").asText()).put("label", t.path("label").asText())
            .put("level", t.path("level").asInt(1));
      }
      for (JsonNode p : first.path("linked_posts")) {
        posts.addObject().put("platform", text(p, "platform", null)).put("url", text(p, "url", null))
            .put("author", text(p, "author", null));
      }
    }
    return out;
  }

  static ObjectNode searchResult(String query, int page, int size, SearchIndex.Result result) {
    ObjectNode out = JSON.createObjectNode().put("query", query).put("total", result.total()).put("page", page)
        .put("size", size);
    ArrayNode hits = out.putArray("hits");
    for (SearchIndex.Hit hit : result.hits()) {
      JsonNode e = hit.event();
      ObjectNode h = hits.addObject().put("event_id", text(e, "id", null)).put("story_id", text(e, "story_id", null))
          .put("title", text(e, "title", null)).put("url", text(e, "canonical_url", text(e, "url", null)))
          .put("source", text(e.path("source"), "site_name", null)).put("published_at", text(e, "published_at", null))
          .put("language", text(e, "language", null));
      h.set("countries", e.path("tags").path("countries").deepCopy());
      ArrayNode topics = h.putArray("topics");
      for (JsonNode t : e.path("tags").path("topics")) {
        topics.addObject().put("code", t.path("code").asText()).put("label", t.path("label").asText())
            .put("level", t.path("level").asInt(1));
      }
      String text = text(e, "text", "");
      h.put("snippet", text.length() > 280 ? text.substring(0, 277) + "..." : text);
    }
    ObjectNode facets = out.putObject("facets");
    result.facets().forEach((name, values) -> {
      ArrayNode list = facets.putArray(name);
      values.forEach(v -> {
        ObjectNode f = list.addObject().put("value", v.value()).put("count", v.count());
        if (v.label() != null) {
          f.put("label", v.label());
        }
      });
    });
    return out;
  }

  static ObjectNode rule(String id, String query, boolean enabled, int webhooks, String updatedAt, String updatedBy,
      String source) {
    return JSON.createObjectNode().put("id", id).put("query", query).put("enabled", enabled).put("webhooks", webhooks)
        .put("updated_at", updatedAt).put("updated_by", updatedBy).put("source", source);
  }

  static ObjectNode rule(AlertRule rule) {
    return rule(rule.getId(), rule.getQuery(), rule.getEnabled(), rule.getWebhooks().size(),
        rule.getUpdatedAt() == null ? null : rule.getUpdatedAt().toString(), rule.getUpdatedBy(), "topic");
  }

  static ObjectNode rule(RuleBook.Rule rule) {
    return rule(rule.id(), rule.text(), true, rule.webhooks().size(), null, null, "file");
  }

  static ObjectNode match(AlertRecord alert) {
    ObjectNode out = JSON.createObjectNode().put("rule_id", alert.getRuleId()).put("alert_id", alert.getAlertId())
        .put("event_id", alert.getEventId()).put("story_id", alert.getStoryId()).put("title", alert.getTitle())
        .put("url", alert.getUrl()).put("created_at", alert.getCreatedAt() == null ? null
            : alert.getCreatedAt().toString());
    ArrayNode terms = out.putArray("matched_terms");
    alert.getMatchedTerms().forEach(t -> terms.add(t.toString()));
    return out;
  }

  /** `mediamon status`'s snapshot in the shape of the operator's page. */
  static ObjectNode status(JsonNode snapshot) {
    ObjectNode out = JSON.createObjectNode().put("refreshed_at", text(snapshot, "at", null));
    ArrayNode topics = out.putArray("topics");
    fields(snapshot.path("topics")).forEachRemaining(t -> topics.addObject().put("topic", t.getKey())
        .put("end_offset", t.getValue().path("end_offset").asLong())
        .put("records_per_second", t.getValue().path("per_second").asDouble()));
    ArrayNode groups = out.putArray("groups");
    fields(snapshot.path("consumer_lag")).forEachRemaining(g -> fields(g.getValue()).forEachRemaining(t ->
        groups.addObject().put("group", g.getKey()).put("topic", t.getKey()).put("lag", t.getValue().asLong())));
    JsonNode dlq = snapshot.path("dead_letters");
    ObjectNode deadLetters = out.putObject("dead_letters").put("total", dlq.path("count").asLong())
        .put("since", text(dlq, "since", null));
    ArrayNode byStage = deadLetters.putArray("by_stage");
    fields(dlq.path("by_stage")).forEachRemaining(s -> {
      JsonNode latest = dlq.path("latest_by_stage").path(s.getKey());
      byStage.addObject().put("stage", s.getKey()).put("count", s.getValue().asLong())
          .put("latest_reason", text(latest, "reason", null)).put("latest_at", text(latest, "at", null))
          .put("latest_origin", text(latest, "origin", null));
    });
    JsonNode feeds = snapshot.path("feeds");
    ObjectNode f = out.putObject("feeds").put("total", feeds.path("polled").asLong())
        .put("stale_count", feeds.path("stale").asLong());
    ArrayNode failing = f.putArray("failing");
    for (JsonNode feed : feeds.path("failing")) {
      failing.addObject().put("feed_url", text(feed, "feed", null)).put("last_error", text(feed, "error", null))
          .put("failures", feed.path("failures").asInt());
    }
    f.putArray("stale");
    return out;
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node.fields();
  }

  private static String text(JsonNode node, String field, String otherwise) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? otherwise : v.asText();
  }
}
