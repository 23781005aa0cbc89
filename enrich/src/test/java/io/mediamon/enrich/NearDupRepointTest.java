package io.mediamon.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.schemas.EventIdBits;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.NearDupBand;
import io.mediamon.schemas.NearDupMember;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A copy of a copy that shares no LSH band with the story's first copy: it can only meet the copy, in a band where
 * the copy was stored under its own id. Once the copy is judged, that member must stand for the story.
 */
class NearDupRepointTest {
  private static final String FIRST = "00000000000000a1";
  private static final String COPY = "00000000000000b2";
  private static final String COPY_OF_COPY = "00000000000000c3";
  private DedupStageDriver stage;

  @BeforeEach
  void startDriver() {
    stage = new DedupStageDriver("near-dup-repoint-test");
  }

  @AfterEach
  void closeDriver() {
    stage.close();
  }

  @Test
  void shouldJoinACopyOfACopyThatSharesNoBandWithTheFirstToTheFirstsStory() {
    Texts texts = Texts.find(text -> text);

    send(FIRST, texts.first(), "https://first.example/story");
    send(COPY, texts.copy(), "https://second.example/story");
    send(COPY_OF_COPY, texts.copyOfCopy(), "https://third.example/story");

    List<EventRecord> copies = stage.duplicates.readValuesToList();
    assertThat(copies).extracting(EventRecord::getId).containsExactly(COPY, COPY_OF_COPY);
    assertThat(copies).extracting(EventRecord::getStoryId).containsExactly(FIRST, FIRST);
    assertThat(copies).extracting(e -> e.getDedup().getDuplicateOf()).containsExactly(FIRST, FIRST);
    assertThat(stage.stories.readKeyValuesToMap().get(FIRST).getArticleCount()).isEqualTo(3);
    assertThat(bandMembers()).as("no band member stands for the copy any more").doesNotContain(COPY)
        .contains(FIRST);
  }

  private List<String> bandMembers() {
    KeyValueStore<Bytes, NearDupBand> bands = stage.driver.getKeyValueStore(EnrichTopology.NEAR_DUP_BAND_STORE);
    List<String> stories = new ArrayList<>();
    try (var all = bands.all()) {
      all.forEachRemaining(kv -> kv.value.getMembers().stream().map(NearDupMember::getStory)
          .map(s -> s instanceof EventIdBits bits ? HexFormat.of().formatHex(bits.bytes()) : s.toString())
          .forEach(stories::add));
    }
    return stories;
  }

  private void send(String id, String text, String url) {
    stage.send(id, text, null, url);
  }

  /**
   * An article, a cut of it, and a cut of the cut, chosen (deterministically: the hashes are seeded) so that the
   * preconditions hold, which the search checks with the same MinHash the topology uses: the copy shares a band with
   * the first and is judged its copy; the copy of the copy shares no band with the first, but shares one with the
   * copy in which the first is absent, and is judged the copy's copy there.
   */
  record Texts(String first, String copy, String copyOfCopy) {
    /** @param seenAs the text as the dedup stage will see it (after extraction, when the texts go in as raw documents) */
    static Texts find(java.util.function.UnaryOperator<String> seenAs) {
      Random random = new Random(20261124);
      List<String> vocabulary = IntStream.range(0, 3000).mapToObj(i -> word(random)).toList();
      List<String> article = IntStream.range(0, 300).mapToObj(i -> vocabulary.get(random.nextInt(vocabulary.size())))
          .toList();
      String first = String.join(" ", article);
      String firstSeen = seenAs.apply(first);
      for (int copyStart = 0; copyStart + 150 <= article.size(); copyStart += 10) {
        List<String> copyWords = article.subList(copyStart, copyStart + 150);
        String copy = String.join(" ", copyWords);
        String copySeen = seenAs.apply(copy);
        if (!sharesABand(firstSeen, copySeen) || !isCopy(firstSeen, copySeen)) {
          continue;
        }
        for (int cutStart = 0; cutStart + 70 <= copyWords.size(); cutStart += 5) {
          String cut = String.join(" ", copyWords.subList(cutStart, cutStart + 70));
          String cutSeen = seenAs.apply(cut);
          if (!sharesABand(firstSeen, cutSeen) && sharesABandWithoutFirst(firstSeen, copySeen, cutSeen)
              && isCopy(copySeen, cutSeen)) {
            return new Texts(first, copy, cut);
          }
        }
      }
      throw new AssertionError("no texts with the preconditions: widen the search");
    }

    private static String word(Random random) {
      StringBuilder w = new StringBuilder();
      int length = 4 + random.nextInt(6);
      for (int i = 0; i < length; i++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      return w.toString();
    }

    private static boolean sharesABand(String a, String b) {
      int[] sa = MinHasher.signature(a);
      int[] sb = MinHasher.signature(b);
      return IntStream.range(0, MinHasher.BANDS)
          .anyMatch(band -> java.util.Arrays.equals(MinHasher.bandKey(sa, band), MinHasher.bandKey(sb, band)));
    }

    private static boolean sharesABandWithoutFirst(String first, String copy, String cut) {
      int[] f = MinHasher.signature(first);
      int[] c = MinHasher.signature(copy);
      int[] x = MinHasher.signature(cut);
      return IntStream.range(0, MinHasher.BANDS).anyMatch(band ->
          !java.util.Arrays.equals(MinHasher.bandKey(f, band), MinHasher.bandKey(c, band))
              && java.util.Arrays.equals(MinHasher.bandKey(c, band), MinHasher.bandKey(x, band)));
    }

    /** Whether the band stage judges the later text a copy of the earlier, from the earlier's compact sketch. */
    private static boolean isCopy(String earlier, String later) {
      MinHasher.Signature e = MinHasher.sign(earlier);
      MinHasher.Signature l = MinHasher.sign(later);
      double s = MinHasher.similarity(l.values(), MinHasher.compact(e.values()));
      return MinHasher.isCopy(s, l.shingles(), e.shingles(), 0.6, 0.8);
    }
  }
}
