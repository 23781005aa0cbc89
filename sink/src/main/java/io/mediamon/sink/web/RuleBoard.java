package io.mediamon.sink.web;

import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.AlertRule;
import io.mediamon.sink.alert.RuleBook;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saved queries as the alerts service sees them: the rules of its YAML file (read-only here) and those of
 * media.alert-rules (edited live), and the latest matches of each from media.alerts.
 */
final class RuleBoard {
  private static final int MATCHES_PER_RULE = 100;
  private final Map<String, RuleBook.Rule> fileRules = new TreeMap<>();
  private final Map<String, AlertRule> liveRules = new TreeMap<>();
  private final Map<String, Deque<AlertRecord>> matches = new TreeMap<>();

  RuleBoard(List<RuleBook.Rule> fromFile) {
    fromFile.forEach(r -> fileRules.put(r.id(), r));
  }

  synchronized void put(String id, AlertRule rule) {
    if (rule == null) {
      liveRules.remove(id);
    } else {
      liveRules.put(id, rule);
    }
  }

  synchronized boolean isFileRule(String id) {
    return fileRules.containsKey(id);
  }

  synchronized AlertRule live(String id) {
    return liveRules.get(id);
  }

  synchronized Map<String, RuleBook.Rule> fileRules() {
    return Map.copyOf(fileRules);
  }

  synchronized Map<String, AlertRule> liveRules() {
    return new TreeMap<>(liveRules);
  }

  synchronized void match(AlertRecord alert) {
    Deque<AlertRecord> recent = matches.computeIfAbsent(alert.getRuleId(), r -> new ArrayDeque<>());
    recent.addFirst(alert);
    while (recent.size() > MATCHES_PER_RULE) {
      recent.removeLast();
    }
  }

  synchronized List<AlertRecord> matches(String ruleId) {
    return new ArrayList<>(matches.getOrDefault(ruleId, new ArrayDeque<>()));
  }
}
