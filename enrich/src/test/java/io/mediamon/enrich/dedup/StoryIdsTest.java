package io.mediamon.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.EventIdBits;
import org.junit.jupiter.api.Test;

class StoryIdsTest {
  @Test
  void shouldKeepAnIngestIdAsItsSixtyFourBits() {
    Object stored = StoryIds.compact("0f3a9c00de11b2e7");

    assertThat(stored).isInstanceOf(EventIdBits.class);
    assertThat(((EventIdBits) stored).bytes()).hasSize(8);
    assertThat(StoryIds.expand(stored)).isEqualTo("0f3a9c00de11b2e7");
  }

  @Test
  void shouldKeepAnyOtherIdAsWritten() {
    // upper case would not come back as written from its bits; other lengths are not ingest ids
    for (String id : new String[] {"0F3A9C00DE11B2E7", "seed", "0f3a9c00de11b2e", "0f3a9c00de11b2e7a", "0f3a9c00de11b2eg"}) {
      Object stored = StoryIds.compact(id);
      assertThat(stored).as(id).isEqualTo(id);
      assertThat(StoryIds.expand(stored)).isEqualTo(id);
    }
  }

  @Test
  void shouldWriteAnIngestIdInEightBytesAndAnyOtherIdAsItsText() {
    assertThat(StoryIds.toBytes("0f3a9c00de11b2e7")).hasSize(8);
    assertThat(StoryIds.fromBytes(StoryIds.toBytes("0f3a9c00de11b2e7"))).isEqualTo("0f3a9c00de11b2e7");
    // "abcdefgh" is 8 bytes of UTF-8 like an ingest id's bits: it must not come back as hex
    for (String id : new String[] {"seed", "abcdefgh", "0F3A9C00DE11B2E7", "file:/seeds/été.html", ""}) {
      assertThat(StoryIds.fromBytes(StoryIds.toBytes(id))).as(id).isEqualTo(id);
    }
    assertThat(StoryIds.toBytes("abcdefgh")).hasSize(9);
  }

  @Test
  void shouldReadAnIdAStoreWroteAsText() {
    byte[] before = "0f3a9c00de11b2e7".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(StoryIds.SERDE.deserializer().deserialize("t", before)).isEqualTo("0f3a9c00de11b2e7");
  }
}
