package io.mediamon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CompactAvroSerdeTest {

  @Test
  void shouldRoundTripABandWithOneByteOfHeader() {
    NearDupBand band = NearDupBand.newBuilder().setMembers(List.of(NearDupMember.newBuilder()
        .setStory(new EventIdBits(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .setTimestamp(1_764_000_000_000L)
        .setShingles(300)
        .setSketch(ByteBuffer.wrap(new byte[32]))
        .build())).build();

    byte[] bytes = Topics.NEAR_DUP_BAND_SERDE.encode(band);

    assertThat(bytes[0]).as("version of the writer schema").isEqualTo((byte) SchemaHistory.versions("NearDupBand").size());
    // header 1, array block count 1, union index 1 + fixed 8, time 6, shingles 2, sketch length 1 + 32, no language
    // (union index) 1, array end 1
    assertThat(bytes).hasSize(1 + 1 + 9 + 6 + 2 + 33 + 1 + 1);
    assertThat(Topics.NEAR_DUP_BAND_SERDE.decode(bytes)).isEqualTo(band);
  }

  @Test
  void shouldResolveARecordWrittenUnderAnOlderVersion() throws Exception {
    List<Schema> history = SchemaHistory.versions("EventRecord");
    Schema v1 = history.get(0);
    GenericRecord event = new GenericRecordBuilder(v1)
        .set("id", "old-1")
        .set("source", new GenericRecordBuilder(v1.getField("source").schema()).build())
        .set("text", "written under v1")
        .set("tags", new GenericRecordBuilder(v1.getField("tags").schema()).build())
        .set("dedup", new GenericRecordBuilder(v1.getField("dedup").schema()).build())
        .set("provenance", new GenericRecordBuilder(v1.getField("provenance").schema()).build())
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1, GenericData.get()).write(event, encoder);
    encoder.flush();

    EventRecord decoded = new CompactAvroSerde<>(EventRecord.class, EventRecord.getClassSchema()).decode(out.toByteArray());

    assertThat(decoded.getText()).isEqualTo("written under v1");
    assertThat(decoded.getLeadImage()).as("a field added after v1 takes its default").isNull();
  }

  @Test
  void shouldRefuseAnUnknownVersion() {
    byte[] bytes = Topics.NEAR_DUP_BAND_SERDE.encode(NearDupBand.newBuilder().build());
    bytes[0] = 99;

    assertThatThrownBy(() -> Topics.NEAR_DUP_BAND_SERDE.decode(bytes))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema version 99");
  }

  @Test
  void shouldStillReadWhatAStoreWroteWithTheSingleObjectEncoding() {
    StoryRecord story = StoryRecord.newBuilder().setStoryId("0123456789abcdef").setArticleCount(3).build();
    CompactAvroSerde<StoryRecord> compact = new CompactAvroSerde<>(StoryRecord.class, StoryRecord.getClassSchema());

    assertThat(compact.decode(Topics.STORY_SERDE.encode(story))).isEqualTo(story);
    assertThat(compact.encode(story)).hasSizeLessThan(Topics.STORY_SERDE.encode(story).length - 8);
  }
}
