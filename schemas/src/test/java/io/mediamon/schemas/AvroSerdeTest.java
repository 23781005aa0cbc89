package io.mediamon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  static EventRecord sampleEvent() {
    return EventRecord.newBuilder()
        .setId("doc-1")
        .setSource(Source.newBuilder().setSiteName("Lomé Actu").build())
        .setTitle("Niger : La Russie s’installe")
        .setPublishedAt(Instant.parse("2023-12-06T00:00:00Z"))
        .setDateline(Dateline.newBuilder().setPlace("Niamey").setDate(LocalDate.of(2023, 12, 6)).setSource("Lomé Actu").build())
        .setLanguage("fr")
        .setText("Dans un geste diplomatique significatif…")
        .setTags(Tags.newBuilder().setCountries(List.of("NE", "RU")).build())
        .setLinkedPosts(List.of(LinkedPost.newBuilder().setPlatform("x").setPostId("1731688181177708622")
            .setAuthor("AESinfos").setUrl("https://x.com/AESinfos/status/1731688181177708622")
            .setPostedAt(Instant.parse("2023-12-04T14:53:30Z")).build()))
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
        .setProvenance(Provenance.newBuilder().setComponents(Map.of("extractor", "1")).build())
        .build();
  }

  @Test
  void shouldRoundTripWithTheSchemaFingerprintInFront() {
    byte[] bytes = Topics.EVENT_SERDE.encode(sampleEvent());

    // single-object encoding: marker C3 01 then the 8-byte CRC-64-AVRO fingerprint of the writer schema
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(EventRecord.getClassSchema()));
    // compared as JSON: Avro's array equals() ignores logical-type conversions (Instant inside a union)
    assertThat(AvroJson.toJson(Topics.EVENT_SERDE.decode(bytes))).isEqualTo(AvroJson.toJson(sampleEvent()));
  }

  @Test
  void shouldRejectBytesThatAreNotAvroWithAClearError() {
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Topics.RAW_DOCUMENT_SERDE.decode(garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not a RawDocument record");
  }

  @Test
  void shouldRejectARecordOfAnotherType() {
    byte[] deadLetterBytes = Topics.DEAD_LETTER_SERDE.encode(DeadLetter.newBuilder().setOriginTopic("t")
        .setStage("s").setErrorClass("E").setFailedAt(Instant.EPOCH).build());
    assertThatThrownBy(() -> Topics.EVENT_SERDE.decode(deadLetterBytes))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldRenderPlainJsonWithIsoTimesAndUnwrappedUnions() {
    String json = AvroJson.toJson(sampleEvent());
    assertThat(json)
        .contains("\"title\":\"Niger : La Russie s’installe\"")
        .contains("\"date\":\"2023-12-06\"")
        .contains("\"posted_at\":\"2023-12-04T14:53:30Z\"")
        .contains("\"status\":\"FIRST\"")
        .contains("\"story_id\":null");
  }
}
