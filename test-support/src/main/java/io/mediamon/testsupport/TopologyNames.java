package io.mediamon.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Names Kafka Streams generated for a topology's processors, stores and topics ({@code KSTREAM-SOURCE-0000000000}):
 * they shift when the topology changes, orphaning changelogs and repartition topics, so every one must be named.
 */
public final class TopologyNames {
  private static final Pattern GENERATED = Pattern.compile("K(STREAM|TABLE)-[A-Z-]+-\\d{10}");

  private TopologyNames() {}

  /** Every generated name of the topology; empty when each processor, store and topic is named. */
  public static List<String> generated(TopologyDescription description) {
    List<TopologyDescription.Node> nodes = new ArrayList<>();
    description.subtopologies().forEach(s -> nodes.addAll(s.nodes()));
    description.globalStores().forEach(g -> {
      nodes.add(g.source());
      nodes.add(g.processor());
    });
    List<String> generated = new ArrayList<>();
    for (TopologyDescription.Node node : nodes) {
      List<String> names = new ArrayList<>(List.of(node.name()));
      if (node instanceof TopologyDescription.Processor p) {
        names.addAll(p.stores());
      } else if (node instanceof TopologyDescription.Source s && s.topicSet() != null) {
        names.addAll(s.topicSet());
      } else if (node instanceof TopologyDescription.Sink k && k.topic() != null) {
        names.add(k.topic());
      }
      names.stream().filter(n -> GENERATED.matcher(n).find()).forEach(generated::add);
    }
    return generated;
  }
}
