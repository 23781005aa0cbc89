package io.mediamon.sink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode snapshot(String deadLetterStages, int failing) throws Exception {
    return JSON.readTree("""
        {"topics": {"media.raw": {"end_offset": 12, "per_second": 2.5}},
         "consumer_lag": {"mediamon-enrich": {"media.raw": 4, "mediamon-enrich-near-dup-by-band-repartition": 0},
                          "mediamon-sink": {"media.events": -1}},
         "dead_letters": {"count": 3, "by_stage": %s, "by_origin": {"media.raw": 3}},
         "feeds": {"polled": 7, "by_status": {"OK": 6, "ERROR": 1}, "stale": 2, "failing": %s}}
        """.formatted(deadLetterStages, "[" + "{},".repeat(failing).replaceAll(",$", "") + "]"));
  }

  @Test
  void shouldExposeEveryFigureOfTheSnapshotAsAGauge() throws Exception {
    PipelineMetrics metrics = new PipelineMetrics();
    metrics.update(snapshot("{\"enrich.decode\": 2, \"sink.decode\": 1}", 1), 1_796_400_000L);

    assertThat(metrics.scrape()).contains(
        "mediamon_topic_end_offset{topic=\"media.raw\"} 12.0",
        "mediamon_topic_records_rate{topic=\"media.raw\"} 2.5",
        "mediamon_consumer_lag{group=\"mediamon-enrich\",topic=\"media.raw\"} 4.0",
        "mediamon_consumer_lag{group=\"mediamon-enrich\",topic=\"mediamon-enrich-near-dup-by-band-repartition\"} 0.0",
        "mediamon_consumer_lag{group=\"mediamon-sink\",topic=\"media.events\"} -1.0",
        "mediamon_dead_letters 3.0",
        "mediamon_dead_letters_stage{stage=\"enrich.decode\"} 2.0",
        "mediamon_dead_letters_stage{stage=\"sink.decode\"} 1.0",
        "mediamon_dead_letters_origin{origin=\"media.raw\"} 3.0",
        "mediamon_feeds_polled 7.0",
        "mediamon_feeds_status{status=\"ERROR\"} 1.0",
        "mediamon_feeds_stale 2.0",
        "mediamon_feeds_failing 1.0",
        "mediamon_status_refreshed_timestamp_seconds 1.7964E9");
  }

  @Test
  void shouldDropASeriesThatLeavesTheSnapshot() throws Exception {
    PipelineMetrics metrics = new PipelineMetrics();
    metrics.update(snapshot("{\"enrich.decode\": 2, \"sink.decode\": 1}", 1), 1L);
    metrics.update(snapshot("{\"sink.decode\": 1}", 0), 2L);

    assertThat(metrics.scrape())
        .doesNotContain("stage=\"enrich.decode\"")
        .contains("mediamon_dead_letters_stage{stage=\"sink.decode\"} 1.0", "mediamon_feeds_failing 0.0");
  }
}
