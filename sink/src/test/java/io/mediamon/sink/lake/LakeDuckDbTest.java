package io.mediamon.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queries of docs/lake.md, run by DuckDB itself on files the sink's writer made. */
class LakeDuckDbTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  @TempDir Path lake;

  @Test
  void shouldAnswerTheReadmeQueriesOverTheHivePartitionedLake() throws Exception {
    LakeWriter<EventRecord> events = new LakeWriter<>(lake, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT,
        LakeWriter.Roll.DEFAULT);
    events.append(0, 0, 0, LakeWriterTest.event("a", "2023-12-06T08:00:00Z", "fr"), NOW);
    events.append(0, 1, 0, LakeWriterTest.event("b", "2023-12-07T08:00:00Z", "en"), NOW);
    events.roll(0);
    events.append(1, 0, 0, LakeWriterTest.event("c", "2023-12-06T09:00:00Z", "fr"), NOW);
    events.roll(1);
    LakeWriter<StoryRecord> stories = new LakeWriter<>(lake, LakeTable.STORIES, PartFileWriter.Format.DEFAULT,
        LakeWriter.Roll.DEFAULT);
    for (int count = 1; count <= 3; count++) {
      stories.append(2, count, 0, StoryRecord.newBuilder().setStoryId("a").setArticleCount(count).setSourceCount(count)
          .setFirstSeenAt(Instant.parse("2023-12-06T08:00:00Z")).build(), NOW);
    }
    stories.roll(2);

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      String eventTable = "read_parquet('" + lake + "/events/**/*.parquet', hive_partitioning = true)";
      assertThat(rows(sql, "SELECT lang, count(*) FROM " + eventTable + " GROUP BY lang ORDER BY lang"))
          .containsExactly("en|1", "fr|2");
      assertThat(rows(sql, "SELECT id, CAST(dt AS VARCHAR), strftime(published_at AT TIME ZONE 'UTC', '%H:%M') FROM "
          + eventTable + " WHERE list_contains(tags.countries, 'NE') AND dt >= DATE '2023-12-01' AND lang = 'fr' ORDER BY id"))
          .containsExactly("a|2023-12-06|08:00", "c|2023-12-06|09:00");
      assertThat(rows(sql, "SELECT dedup.status, tags.evidence[1].rule FROM " + eventTable + " WHERE id = 'b'"))
          .containsExactly("FIRST|country-name");
      String storyTable = "read_parquet('" + lake + "/stories/**/*.parquet', hive_partitioning = true)";
      assertThat(rows(sql, "SELECT story_id, article_count FROM " + storyTable
          + " QUALIFY row_number() OVER (PARTITION BY story_id ORDER BY _kafka_offset DESC) = 1"))
          .containsExactly("a|3");
    }
  }

  private static List<String> rows(Statement sql, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = sql.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
