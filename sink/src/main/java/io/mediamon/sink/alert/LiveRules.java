package io.mediamon.sink.alert;

import io.mediamon.schemas.AlertRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force: those of the YAML file, overridden and extended by the records of media.alert-rules (the
 * global store). Parsed queries are cached by rule and text, so an event costs no parsing; a rule whose query does
 * not parse is reported once, with its position, and left out.
 */
final class LiveRules {
  private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);
  private final List<RuleBook.Rule> fileRules;
  private final Map<String, Parsed> parsed = new HashMap<>();

  private record Parsed(String text, RuleBook.Rule rule) {}

  LiveRules(List<RuleBook.Rule> fileRules) {
    this.fileRules = List.copyOf(fileRules);
  }

  /** The rules to evaluate now. */
  List<RuleBook.Rule> current(ReadOnlyKeyValueStore<String, AlertRule> topicRules) {
    Map<String, RuleBook.Rule> rules = new LinkedHashMap<>();
    for (RuleBook.Rule r : fileRules) {
      rules.put(r.id(), r);
    }
    try (KeyValueIterator<String, AlertRule> all = topicRules.all()) {
      while (all.hasNext()) {
        KeyValue<String, AlertRule> kv = all.next();
        AlertRule rule = kv.value;
        if (!rule.getEnabled()) {
          rules.remove(kv.key);
          continue;
        }
        RuleBook.Rule live = parse(kv.key, rule);
        if (live != null) {
          rules.put(kv.key, live);
        } else {
          rules.remove(kv.key);
        }
      }
    }
    return new ArrayList<>(rules.values());
  }

  private RuleBook.Rule parse(String id, AlertRule rule) {
    String text = rule.getQuery();
    Parsed cached = parsed.get(id);
    if (cached != null && cached.text().equals(text)) {
      return cached.rule();
    }
    RuleBook.Rule result = null;
    try {
      result = new RuleBook.Rule(id, text, Query.parse(text), List.copyOf(rule.getWebhooks()));
      LOG.info("alert rule {} from media.alert-rules: {}", id, text);
    } catch (QueryException e) {
      LOG.warn("alert rule {} from media.alert-rules left out: {}", id, e.getMessage());
    }
    parsed.put(id, new Parsed(text, result));
    return result;
  }
}
