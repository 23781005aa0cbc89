package io.mediamon.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.AlertRule;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsTopologyTest {
  private static final Instant T0 = Instant.parse("2023-12-06T08:00:00Z");
  private TopologyTestDriver driver;
  private TestInputTopic<String, EventRecord> events;
  private TestInputTopic<String, byte[]> rawEvents;
  private TestInputTopic<String, StoryRecord> stories;
  private TestInputTopic<String, AlertRule> rules;
  private TestOutputTopic<String, AlertRecord> alerts;
  private final AlertMetrics metrics = new AlertMetrics();
  private int n;

  @Test
  void shouldNameEveryProcessorStoreAndTopic() {
    assertThat(io.mediamon.testsupport.TopologyNames.generated(
        AlertsTopology.build(List.of(), metrics, Clock.fixed(T0, ZoneOffset.UTC)).describe())).isEmpty();
  }

  @BeforeEach
  void start() {
    List<RuleBook.Rule> fileRules = List.of(
        new RuleBook.Rule("niger-conflict", "country:NE AND topic:16000000", Query.parse("country:NE AND topic:16000000"),
            List.of("http://127.0.0.1:1/hook")),
        new RuleBook.Rule("sport", "topic:15000000", Query.parse("topic:15000000")));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    driver = new TopologyTestDriver(AlertsTopology.build(fileRules, metrics, Clock.fixed(T0, ZoneOffset.UTC)), props, T0);
    events = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), Topics.EVENT_SERDE.serializer());
    rawEvents = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
    stories = driver.createInputTopic(Topics.STORIES.name(), new StringSerializer(), Topics.STORY_SERDE.serializer());
    rules = driver.createInputTopic(Topics.ALERT_RULES.name(), new StringSerializer(), Topics.ALERT_RULE_SERDE.serializer());
    alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
        Topics.ALERT_SERDE.deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private EventRecord event(String id) {
    EventRecord e = QueryTest.seedLike();
    e.setId(id);
    e.setStoryId(id);
    return e;
  }

  private void send(EventRecord e) {
    events.pipeInput(e.getId(), e, T0.plusSeconds(++n));
  }

  private void rule(String id, String query, boolean enabled) {
    rules.pipeInput(id, AlertRule.newBuilder().setId(id).setQuery(query).setEnabled(enabled).build(), T0.plusSeconds(++n));
  }

  @Test
  void shouldAlertOncePerMatchingRuleWithTheStoryOutletCountAndTheRuleWebhooks() {
    stories.pipeInput("s1", StoryRecord.newBuilder().setStoryId("s1").setArticleCount(4).setSourceCount(3).build(),
        T0.plusSeconds(++n));
    send(event("s1"));
    send(event("s2"));

    List<AlertRecord> out = alerts.readValuesToList();
    assertThat(out).extracting(AlertRecord::getAlertId).containsExactly("niger-conflict:s1", "niger-conflict:s2");
    assertThat(out.get(0).getOutletCount()).isEqualTo(3);
    assertThat(out.get(0).getArticleCount()).isEqualTo(4);
    assertThat(out.get(1).getOutletCount()).as("no story record yet: the first copy is the only outlet").isEqualTo(1);
    assertThat(out.get(0).getWebhooks()).containsExactly("http://127.0.0.1:1/hook");
    assertThat(out.get(0).getMatchedTerms()).contains("country:NE", "topic:16000000");
    assertThat(out.get(0).getLanguage()).isEqualTo("fr");
    assertThat(metrics.alerts()).isEqualTo(2);
  }

  @Test
  void shouldFollowTheLiveRulesTopicAddReplaceDisableAndDelete() {
    rule("wagner", "entity:\"Wagner\"", true);
    send(event("a"));
    assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("niger-conflict:a", "wagner:a");

    rule("wagner", "entity:\"Africa Corps\"", true);          // replaced: no longer matches
    rule("niger-conflict", "country:TG", true);                // a live rule overrides the file's rule of that id
    send(event("b"));
    assertThat(alerts.readKeyValuesToList()).isEmpty();

    rule("niger-conflict", "country:NE", false);               // disabled
    rule("broken", "country:NE AND (", true);                  // does not parse: left out, the others run
    rule("russia", "country:RU", true);
    send(event("c"));
    assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("russia:c");

    rules.pipeInput("niger-conflict", null, T0.plusSeconds(++n)); // tombstone: the file's rule is back
    rules.pipeInput("russia", null, T0.plusSeconds(++n));
    send(event("d"));
    assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("niger-conflict:d");
  }

  @Test
  void shouldSkipAnEventThatDoesNotDecodeAndGoOn() {
    rawEvents.pipeInput("junk", new byte[] {1, 2, 3}, T0.plusSeconds(++n));
    send(event("ok"));
    assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("niger-conflict:ok");
  }
}
