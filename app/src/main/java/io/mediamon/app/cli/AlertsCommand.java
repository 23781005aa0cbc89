package io.mediamon.app.cli;

import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.schemas.AlertRule;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.alert.AlertsApp;
import io.mediamon.sink.alert.Query;
import io.mediamon.sink.alert.QueryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediamon alerts}: the alerts service alone, and live editing of saved queries. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"Evaluate saved queries (the YAML file of sink.alerts.rules, if set, and the rules on",
        "media.alert-rules) on media.events into media.alerts, and deliver them to webhooks, until stopped.",
        "Needs KAFKA_BOOTSTRAP."},
    subcommands = {AlertsCommand.PutRule.class, AlertsCommand.DeleteRule.class})
public final class AlertsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Cluster cluster = Cluster.open(common.settings(), false);
    cluster.ensureTopics();
    Settings settings = cluster.settings();
    String rules = settings.optional("sink.alerts.rules");
    AlertsApp alerts = new AlertsApp(settings, rules == null ? null : Path.of(rules),
        CommonOptions.dataDir(settings).resolve("alerts"));
    return ServiceRunner.run("alerts", alerts);
  }

  private static void publish(Settings settings, String id, AlertRule rule) throws Exception {
    Map<String, Object> props = new HashMap<>(KafkaClients.base(settings, "mediamon-alert-rules"));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, AlertRule> producer = new KafkaProducer<>(props,
        Topics.ALERT_RULES.keySerde().serializer(), Topics.ALERT_RULES.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.ALERT_RULES.name(), id, rule)).get();
    }
  }

  @Command(name = "put-rule", mixinStandardHelpOptions = true,
      description = "Add or replace a saved query on media.alert-rules; running alert services pick it up at once.")
  static final class PutRule implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "QUERY") String query;
    @Option(names = "--webhook", description = "Webhook URL for this rule's alerts (repeatable).") List<String> webhooks = new ArrayList<>();
    @Option(names = "--disabled", description = "Keep the rule but do not evaluate it.") boolean disabled;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try {
        Query.parse(query);
      } catch (QueryException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "rule " + id + ": " + e.getMessage());
      }
      try (Cluster cluster = Cluster.open(common.settings(), true)) {
        cluster.ensureTopics();
        publish(cluster.settings(), id, AlertRule.newBuilder().setId(id).setQuery(query).setWebhooks(webhooks)
            .setEnabled(!disabled).setUpdatedAt(Instant.now()).setUpdatedBy(System.getProperty("user.name")).build());
      }
      spec.commandLine().getOut().printf("rule %s saved%n", id);
      return 0;
    }
  }

  @Command(name = "delete-rule", mixinStandardHelpOptions = true,
      description = "Delete a saved query from media.alert-rules (a rule of the YAML file stays).")
  static final class DeleteRule implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Cluster cluster = Cluster.open(common.settings(), true)) {
        cluster.ensureTopics();
        publish(cluster.settings(), id, null);
      }
      spec.commandLine().getOut().printf("rule %s deleted%n", id);
      return 0;
    }
  }
}
