package io.mediamon.sink.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved queries from a YAML file:
 *
 * <pre>
 * - id: niger-conflict
 *   query: country:NE AND topic:16000000
 * - id: wagner
 *   query: entity:"Wagner" OR "Africa Corps"
 *   webhook: https://hooks.slack.com/services/...
 * </pre>
 *
 * A rule that does not parse is reported with its position and left out; the others load.
 */
public final class RuleBook {
  private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

  /** One saved query, and the webhooks its alerts go to. */
  public record Rule(String id, String text, Query query, List<String> webhooks) {
    public Rule(String id, String text, Query query) {
      this(id, text, query, List.of());
    }
  }

  /** Rules that loaded, and the errors of those that did not. */
  public record Loaded(List<Rule> rules, List<String> errors) {}

  public static Loaded load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("sink.alerts.rules: cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Rule> rules = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("sink.alerts.rules: " + file + " must be a YAML list of {id, query}");
    }
    for (JsonNode node : root) {
      String id = node.path("id").asText("");
      String text = node.path("query").asText("");
      if (id.isBlank()) {
        errors.add("rule without an id: " + node);
        continue;
      }
      List<String> webhooks = new ArrayList<>();
      node.path("webhooks").forEach(w -> webhooks.add(w.asText()));
      if (node.hasNonNull("webhook")) {
        webhooks.add(node.get("webhook").asText());
      }
      try {
        rules.add(new Rule(id, text, Query.parse(text), List.copyOf(webhooks)));
      } catch (QueryException e) {
        errors.add("rule " + id + ": " + e.getMessage());
      }
    }
    errors.forEach(e -> LOG.warn("alert {} (left out; the other rules load)", e));
    LOG.info("loaded {} alert rules from {}", rules.size(), file);
    return new Loaded(List.copyOf(rules), List.copyOf(errors));
  }
}
