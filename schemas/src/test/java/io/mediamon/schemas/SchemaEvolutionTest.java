package io.mediamon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** A record written by a producer still on an older schema decodes under the current one. */
class SchemaEvolutionTest {

  @Test
  void shouldDecodeAnEventWrittenWithSchemaV1AndDefaultTheNewFields() throws Exception {
    Schema v1 = SchemaHistory.versions("EventRecord").get(0);
    Schema tagsV1 = v1.getField("tags").schema();
    assertThat(tagsV1.getField("evidence")).as("v1 has no evidence field").isNull();

    GenericRecord tags = new GenericRecordBuilder(tagsV1).set("countries", List.of("NE")).build();
    GenericRecord event = new GenericRecordBuilder(v1)
        .set("id", "old-1")
        .set("source", new GenericRecordBuilder(v1.getField("source").schema()).build())
        .set("text", "written by an older enrich")
        .set("tags", tags)
        .set("dedup", new GenericRecordBuilder(v1.getField("dedup").schema()).build())
        .set("provenance", new GenericRecordBuilder(v1.getField("provenance").schema()).build())
        .build();
    ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(event);
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);

    EventRecord decoded = Topics.EVENT_SERDE.decode(array);
    assertThat(decoded.getId()).isEqualTo("old-1");
    assertThat(decoded.getTags().getCountries()).containsExactly("NE");
    assertThat(decoded.getTags().getEvidence()).isEmpty();
    assertThat(decoded.getDedup().getStatus()).isEqualTo(DedupStatus.FIRST);
  }
}
