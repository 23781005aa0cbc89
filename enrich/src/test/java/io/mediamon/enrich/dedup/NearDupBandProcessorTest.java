package io.mediamon.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.NearDupBand;
import io.mediamon.schemas.NearDupMember;
import io.mediamon.schemas.NearDupProbe;
import io.mediamon.schemas.NearDupRepoint;
import io.mediamon.schemas.NearDupVote;
import io.mediamon.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NearDupBandProcessorTest {
  private static final Bytes BAND = Bytes.wrap(new byte[] {1, 0, 0, 0, 42});
  private static final String FIRST = "00000000000000a1";
  private static final String COPY = "00000000000000b2";
  private static final String OTHER = "00000000000000d4";
  private KeyValueStore<Bytes, NearDupBand> store;
  private NearDupBandProcessor processor;
  private MockProcessorContext<String, NearDupVote> context;

  @BeforeEach
  void init() {
    context = new MockProcessorContext<>();
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("bands"), Serdes.Bytes(), Topics.NEAR_DUP_BAND_SERDE)
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    processor = new NearDupBandProcessor("bands", 0.6, 0.8, Duration.ofDays(7));
    processor.init(context);
  }

  private static NearDupMember member(String story, long timestamp) {
    return NearDupMember.newBuilder().setStory(StoryIds.compact(story)).setTimestamp(timestamp).setShingles(100)
        .setSketch(ByteBuffer.wrap(new byte[MinHasher.HASHES / 2])).build();
  }

  private void repoint(String member, String story) {
    processor.process(new Record<>(BAND, NearDupBandProcessor.Input.of(new NearDupRepoint(member, story)), 3_000L));
  }

  private List<String> stories() {
    return store.get(BAND).getMembers().stream().map(m -> StoryIds.expand(m.getStory())).toList();
  }

  @Test
  void shouldLetACopysMemberStandForItsStoryKeepingItsTime() {
    store.put(BAND, new NearDupBand(List.of(member(OTHER, 1_000L), member(COPY, 2_000L))));

    repoint(COPY, FIRST);

    assertThat(stories()).containsExactly(OTHER, FIRST);
    assertThat(store.get(BAND).getMembers().get(1).getTimestamp()).isEqualTo(2_000L);
  }

  @Test
  void shouldDropACopysMemberWhenItsStoryIsAlreadyInTheBucket() {
    store.put(BAND, new NearDupBand(List.of(member(FIRST, 1_000L), member(COPY, 2_000L))));

    repoint(COPY, FIRST);

    assertThat(stories()).containsExactly(FIRST);
  }

  @Test
  void shouldLeaveABucketWithoutTheMemberAlone() {
    store.put(BAND, new NearDupBand(List.of(member(OTHER, 1_000L))));

    repoint(COPY, FIRST);
    processor.process(new Record<>(Bytes.wrap(new byte[] {2, 0, 0, 0, 7}),
        NearDupBandProcessor.Input.of(new NearDupRepoint(COPY, FIRST)), 3_000L));

    assertThat(stories()).containsExactly(OTHER);
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }

  @Test
  void shouldNotCompareAWordProbeWithAnAnchorMember() {
    // an anchor member under a key a word band now uses (anchor bands were numbered from 4 in earlier 0.1.0 builds), with
    // the very sketch of the probe's signature: word and anchor signatures are not comparable, so no match
    int[] signature = MinHasher.signature("the same words in the same order make the same signature every time");
    NearDupMember anchorMember = NearDupMember.newBuilder(member(OTHER, 1_000L))
        .setSketch(ByteBuffer.wrap(MinHasher.compact(signature))).setLanguage("es").build();
    store.put(BAND, new NearDupBand(List.of(anchorMember)));

    processor.process(new Record<>(BAND, NearDupBandProcessor.Input.of(NearDupProbe.newBuilder()
        .setDocId(COPY).setStoryId(COPY).setTimestamp(2_000L)
        .setSignature(ByteBuffer.wrap(MinHasher.toBytes(signature))).setShingles(100).setBands(1).build()), 2_000L));

    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.forwarded().get(0).record().value().getMatchStoryId()).isNull();
  }
}
