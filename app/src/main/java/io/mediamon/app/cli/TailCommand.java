package io.mediamon.app.cli;

import io.mediamon.schemas.AvroJson;
import io.mediamon.schemas.Topic;
import io.mediamon.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediamon tail TOPIC}: a topic's records as JSON lines. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Print a topic's records as JSON, one per line, from the beginning. Uses KAFKA_BOOTSTRAP, or the",
        "embedded broker's data under --data-dir when none is set."})
public final class TailCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "TOPIC", description = "One of: ${COMPLETION-CANDIDATES}", completionCandidates = TopicNames.class)
  String topicName;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new records until Ctrl-C.")
  boolean follow;

  @Option(names = {"-n", "--max"}, paramLabel = "N", description = "Stop after N records.")
  long max = Long.MAX_VALUE;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Topic<?, ?> topic = Topics.ALL.stream().filter(t -> t.name().equals(topicName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topicName + "; known: "
            + Topics.ALL.stream().map(Topic::name).toList()));
    try (Cluster cluster = Cluster.open(common.settings(), true)) {
      Map<String, Object> props = cluster.clientProperties("mediamon-tail");
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      PrintWriter out = spec.commandLine().getOut();
      try (KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> partitions = partitions(consumer, topic.name());
        while (partitions.isEmpty() && follow && !StopSignal.requested()) {
          // a fresh data directory: the topic comes with the first service that writes to it
          Thread.sleep(1000);
          partitions = partitions(consumer, topic.name());
        }
        if (partitions.isEmpty()) {
          spec.commandLine().getErr().println("mediamon: topic " + topic.name() + " does not exist yet: nothing to print");
          return 0;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long printed = 0;
        while (printed < max && !StopSignal.requested()) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
            Object value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
            out.println(value instanceof SpecificRecord record ? AvroJson.toJson(record) : String.valueOf(value));
            if (++printed >= max) {
              break;
            }
          }
          out.flush();
          if (!follow && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
            break;
          }
        }
      }
    }
    return 0;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  static final class TopicNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Topics.ALL.stream().map(Topic::name).iterator();
    }
  }
}
