package io.mediamon.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.SchemaHistory;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.TagEvidence;
import io.mediamon.schemas.Tags;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LakeWriterTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  @TempDir Path lake;

  public static EventRecord event(String id, String publishedAt, String language) {
    return EventRecord.newBuilder().setId(id).setSource(Source.newBuilder().build()).setText("text of " + id)
        .setLanguage(language)
        .setPublishedAt(publishedAt == null ? null : Instant.parse(publishedAt))
        .setTags(Tags.newBuilder().setCountries(List.of("NE"))
            .setEvidence(List.of(TagEvidence.newBuilder().setType("country").setValue("NE").setSurface("Niger")
                .setRule("country-name").build())).build())
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
        .setProvenance(Provenance.newBuilder().setIngestedAt(Instant.parse("2024-05-01T10:00:00Z")).build()).build();
  }

  private LakeWriter<EventRecord> writer(LakeWriter.Roll roll) {
    return new LakeWriter<>(lake, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT, roll);
  }

  @Test
  void shouldWriteValuePerRowColumnsWithoutADictionaryAndTheOthersWithOneInEveryFileOfAWriter() throws Exception {
    LakeWriter<EventRecord> writer = writer(LakeWriter.Roll.DEFAULT);
    for (int i = 0; i < 3; i++) { // three files, one after the other, each with the writer's compressors
      writer.append(0, 2 * i, 0, event("a" + i, "2023-12-0" + (i + 1) + "T08:00:00Z", "fr"), NOW);
      writer.append(0, 2 * i + 1, 0, event("b" + i, "2023-12-0" + (i + 1) + "T09:00:00Z", "fr"), NOW);
      assertThat(writer.roll(0)).hasValue(2 * i + 2);
    }

    List<LakeFiles.Part> parts = LakeFiles.parts(lake.resolve("events"));
    assertThat(parts).hasSize(3);
    for (LakeFiles.Part part : parts) {
      try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
          new org.apache.parquet.io.LocalInputFile(part.path()))) {
        for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData column : reader.getRowGroups().get(0).getColumns()) {
          String path = column.getPath().toDotString();
          boolean dictionary = column.hasDictionaryPage();
          if (PartFileWriter.VALUE_PER_ROW.contains(path)) {
            assertThat(dictionary).as(path).isFalse();
          } else if (path.equals("language") || path.equals("kind")) {
            assertThat(dictionary).as(path).isTrue();
          }
        }
      }
    }
    assertThat(LakeReader.readTable(lake, LakeTable.EVENTS)).extracting(r -> r.get("text").toString())
        .containsExactlyInAnyOrder("text of a0", "text of b0", "text of a1", "text of b1", "text of a2", "text of b2");
  }

  @Test
  void shouldPartitionByIngestDayWhenAskedSoThatABacklogWritesOneFilePerDayOfIngest() throws Exception {
    LakeWriter<EventRecord> writer = new LakeWriter<>(lake, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT,
        LakeWriter.Roll.DEFAULT, LakeTable.PartitionTime.INGESTED);
    writer.append(1, 0, 0, event("old", "2004-03-01T08:00:00Z", "fr"), NOW);
    writer.append(1, 1, 0, event("older", "1999-12-31T23:00:00Z", "fr"), NOW);
    writer.append(1, 2, 0, event("undated", null, "fr"), NOW);
    writer.append(1, 3, 0, event("english", "2010-06-01T08:00:00Z", "en"), NOW);
    assertThat(writer.roll(1)).hasValue(4);

    // every event of the fixture was ingested on 2024-05-01
    assertThat(names()).containsExactlyInAnyOrder(
        "events/dt=2024-05-01/lang=fr/part-1-0-2.parquet",
        "events/dt=2024-05-01/lang=en/part-1-3-3.parquet");
    assertThat(LakeReader.readTable(lake, LakeTable.EVENTS)).extracting(r -> r.get("published_at"))
        .contains(Instant.parse("2004-03-01T08:00:00Z"), Instant.parse("1999-12-31T23:00:00Z"));
  }

  @Test
  void shouldWriteHivePartitionedFilesNamedByOffsetsOnlyWhenTheSegmentRolls() throws Exception {
    LakeWriter<EventRecord> writer = writer(LakeWriter.Roll.DEFAULT);
    writer.append(2, 10, 0, event("a", "2023-12-06T08:00:00Z", "fr"), NOW);
    writer.append(2, 11, 0, event("b", "2023-12-07T08:00:00Z", "fr"), NOW);
    writer.append(2, 12, 0, event("c", "2023-12-06T23:59:59Z", "fr"), NOW);
    writer.append(2, 13, 0, event("d", null, null), NOW);
    writer.append(2, 14, 0, event("e", "2023-12-06T09:00:00Z", "en"), NOW);
    writer.skip(2, 15, NOW);
    assertThat(LakeFiles.parts(lake.resolve("events"))).as("nothing visible before the roll").isEmpty();

    assertThat(writer.roll(2)).hasValue(16);

    assertThat(names()).containsExactlyInAnyOrder(
        "events/dt=2023-12-06/lang=fr/part-2-10-12.parquet",
        "events/dt=2023-12-07/lang=fr/part-2-11-11.parquet",
        "events/dt=2024-05-01/lang=und/part-2-13-13.parquet",
        "events/dt=2023-12-06/lang=en/part-2-14-14.parquet");
    List<GenericRecord> rows = LakeReader.read(lake.resolve("events/dt=2023-12-06/lang=fr/part-2-10-12.parquet"),
        LakeSchema.of(EventRecord.getClassSchema()));
    assertThat(rows).extracting(r -> r.get("id").toString()).containsExactly("a", "c");
    assertThat(rows).extracting(r -> r.get(LakeSchema.OFFSET)).containsExactly(10L, 12L);
    assertThat(rows.get(0).get("published_at")).isEqualTo(Instant.parse("2023-12-06T08:00:00Z"));
    assertThat(LakeReader.readTable(lake, LakeTable.EVENTS)).hasSize(5);
    assertThat(writer.roll(2)).as("nothing consumed since").isEmpty();
    try (Stream<Path> leftovers = Files.walk(lake)) {
      assertThat(leftovers.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  @Test
  void shouldRollOnAgeOnOpenFilesAndOnSize() {
    LakeWriter<EventRecord> byAge = writer(new LakeWriter.Roll(1L << 30, Duration.ofSeconds(30), 100));
    byAge.append(0, 0, 0, event("a", "2023-12-06T08:00:00Z", "fr"), NOW);
    assertThat(byAge.due(0, NOW.plusSeconds(29))).isFalse();
    assertThat(byAge.due(0, NOW.plusSeconds(30))).isTrue();
    assertThat(byAge.due(1, NOW.plusSeconds(30))).as("nothing open on partition 1").isFalse();

    LakeWriter<EventRecord> byFiles = writer(new LakeWriter.Roll(1L << 30, Duration.ofHours(1), 2));
    byFiles.append(0, 0, 0, event("a", "2023-12-06T08:00:00Z", "fr"), NOW);
    assertThat(byFiles.due(0, NOW)).isFalse();
    byFiles.append(0, 1, 0, event("b", "2023-12-06T08:00:00Z", "de"), NOW);
    assertThat(byFiles.due(0, NOW)).isTrue();

    LakeWriter<EventRecord> bySize = writer(new LakeWriter.Roll(1, Duration.ofHours(1), 100));
    bySize.append(0, 0, 0, event("a", "2023-12-06T08:00:00Z", "fr"), NOW);
    assertThat(bySize.due(0, NOW)).isTrue();
    byAge.abandon(0);
    byFiles.abandon(0);
    bySize.abandon(0);
  }

  @Test
  void shouldDeleteWhatWasRenamedAfterTheLastCommitAndHalfWrittenFiles() throws Exception {
    LakeWriter<EventRecord> writer = writer(LakeWriter.Roll.DEFAULT);
    writer.append(1, 0, 0, event("a", "2023-12-06T08:00:00Z", "fr"), NOW);
    writer.append(1, 1, 0, event("b", "2023-12-07T08:00:00Z", "fr"), NOW);
    writer.roll(1);                                         // committed: next offset 2
    writer.append(1, 2, 0, event("c", "2023-12-06T08:00:00Z", "fr"), NOW);
    writer.append(1, 3, 0, event("d", "2023-12-08T08:00:00Z", "fr"), NOW);
    writer.roll(1);                                         // renamed, then the sink died before committing 4
    writer.append(0, 7, 0, event("other", "2023-12-06T08:00:00Z", "fr"), NOW);
    writer.roll(0);
    new LakeWriter<>(lake, LakeTable.EVENTS, PartFileWriter.Format.DEFAULT, LakeWriter.Roll.DEFAULT)
        .append(1, 4, 0, event("e", "2023-12-06T08:00:00Z", "fr"), NOW); // half-written, never rolled
    assertThat(inProgress()).hasSize(1);

    LakeWriter<EventRecord> restarted = writer(LakeWriter.Roll.DEFAULT);
    assertThat(restarted.recover(1, OptionalLong.of(2))).hasValue(2);

    assertThat(names()).containsExactlyInAnyOrder(
        "events/dt=2023-12-06/lang=fr/part-1-0-0.parquet",
        "events/dt=2023-12-07/lang=fr/part-1-1-1.parquet",
        "events/dt=2023-12-06/lang=fr/part-0-7-7.parquet");
    assertThat(inProgress()).isEmpty();
    assertThat(restarted.recover(0, OptionalLong.empty())).as("no commit: resume after the lake's last offset").hasValue(8);
    assertThat(restarted.recover(3, OptionalLong.empty())).isEmpty();
  }

  @Test
  void shouldReadAFileWrittenUnderAnOlderEventSchemaWithTheNewerColumnsEmpty() throws Exception {
    Schema v1 = SchemaHistory.versions("EventRecord").get(0);
    assertThat(v1.getField("tags").schema().getField("evidence")).as("v1 predates tags.evidence").isNull();
    GenericRecord old = asVersion(event("old", "2023-12-06T08:00:00Z", "fr"), v1);
    Schema oldRows = LakeSchema.of(v1);
    Path dir = lake.resolve("events/dt=2023-12-06/lang=fr");
    Files.createDirectories(dir);
    Path file = dir.resolve(LakeFiles.partName(0, 0, 0));
    try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(oldRows).withDataModel(GenericData.get()).withConf(new PlainParquetConfiguration()).build()) {
      GenericData.Record row = new GenericData.Record(oldRows);
      for (Schema.Field f : v1.getFields()) {
        row.put(f.name(), old.get(f.name()));
      }
      row.put(LakeSchema.PARTITION, 0);
      row.put(LakeSchema.OFFSET, 0L);
      row.put(LakeSchema.TIMESTAMP, 0L);
      w.write(row);
    }

    List<GenericRecord> rows = LakeReader.readTable(lake, LakeTable.EVENTS);
    assertThat(rows).hasSize(1);
    GenericRecord tags = (GenericRecord) rows.get(0).get("tags");
    assertThat(tags.get("countries")).asList().hasSize(1);
    assertThat(tags.get("evidence")).asList().isEmpty();
    assertThat(rows.get(0).get("id").toString()).isEqualTo("old");
  }

  @Test
  void shouldLandARecordEncodedUnderTheOlderEventSchemaInTheSameTable() throws Exception {
    Schema v1 = SchemaHistory.versions("EventRecord").get(0);
    byte[] oldBytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
        .encode(asVersion(event("old", "2023-12-06T08:00:00Z", "fr"), v1)).array();
    LakeWriter<EventRecord> writer = writer(LakeWriter.Roll.DEFAULT);
    writer.appendEncoded(0, 0, 0, oldBytes, NOW);
    writer.append(0, 1, 0, event("new", "2023-12-06T09:00:00Z", "fr"), NOW);
    writer.roll(0);

    List<GenericRecord> rows = LakeReader.readTable(lake, LakeTable.EVENTS);
    assertThat(names()).containsExactly("events/dt=2023-12-06/lang=fr/part-0-0-1.parquet");
    assertThat(rows).extracting(r -> ((List<?>) ((GenericRecord) r.get("tags")).get("evidence")).size())
        .as("the v1 record has no evidence; the v2 one has its one").containsExactly(0, 1);
  }

  /** The record as a writer on an older schema version would have produced it. */
  private static GenericRecord asVersion(EventRecord event, Schema older) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<EventRecord>(EventRecord.getClassSchema()).write(event, enc);
    enc.flush();
    return new GenericDatumReader<GenericRecord>(EventRecord.getClassSchema(), older)
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }

  private List<String> names() throws Exception {
    return LakeFiles.parts(lake.resolve("events")).stream().map(p -> lake.relativize(p.path()).toString()).toList();
  }

  private List<Path> inProgress() throws Exception {
    try (Stream<Path> files = Files.walk(lake)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".inprogress")).toList();
    }
  }

}
