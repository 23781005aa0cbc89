package io.mediamon.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MinHasherTest {
  private static String text(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append("w").append(random.nextInt(5000)).append(' ');
    }
    return sb.toString();
  }

  @Test
  void shouldEstimateFromTheCompactSignatureAsFromTheFullOne() {
    Random random = new Random(3);
    String original = text(random, 400);
    String[] words = original.split(" ");
    for (int i = 0; i < words.length; i += 10) {
      words[i] = "edited" + i; // one word in ten
    }
    int[] a = MinHasher.signature(original);
    int[] b = MinHasher.signature(String.join(" ", words));
    int[] unrelated = MinHasher.signature(text(random, 400));

    assertThat(MinHasher.compact(a)).hasSize(MinHasher.HASHES * MinHasher.COMPACT_BITS / 8);
    assertThat(MinHasher.similarity(a, MinHasher.compact(a))).isEqualTo(1.0);
    assertThat(MinHasher.similarity(b, MinHasher.compact(a))).isCloseTo(MinHasher.similarity(a, b), within(0.05));
    assertThat(MinHasher.similarity(unrelated, MinHasher.compact(a))).isLessThan(0.1);
  }

  @Test
  void shouldCompareSketchesOfEveryWidthAStoreMayHold() {
    Random random = new Random(4);
    int[] a = MinHasher.signature(text(random, 400));
    int[] unrelated = MinHasher.signature(text(random, 400));
    for (int bits = 2; bits <= 8; bits++) {
      byte[] sketch = MinHasher.compact(a, bits);
      assertThat(sketch).as("%d bits", bits).hasSize(MinHasher.HASHES * bits / 8);
      assertThat(MinHasher.similarity(a, sketch)).as("%d bits", bits).isEqualTo(1.0);
      assertThat(MinHasher.similarity(unrelated, sketch)).as("%d bits", bits).isLessThan(0.2);
    }
    // a value differing only above the kept bits agrees; one differing in them does not
    int[] highBitsOff = a.clone();
    highBitsOff[0] ^= 1 << 20;
    int[] lowBitOff = a.clone();
    lowBitOff[0] ^= 1;
    assertThat(MinHasher.similarity(highBitsOff, MinHasher.compact(a, 3))).isEqualTo(1.0);
    assertThat(MinHasher.similarity(lowBitOff, MinHasher.compact(a, 3))).isLessThan(1.0);
  }

  @Test
  void shouldTrustContainmentOnlyAboveTheFloor() {
    // a 40-shingle text against a 2,000-shingle one: a Jaccard estimate of 0.02 (chance agreement of 4-bit values
    // gives that much) would already mean full containment
    assertThat(MinHasher.containment(0.02, 40, 2000)).isEqualTo(1.0);
    assertThat(MinHasher.isCopy(0.02, 40, 2000, 0.6, 0.8)).isFalse();
    // a copy cut to 60 % of its original: Jaccard 0.5 after a few edits, containment 0.89
    assertThat(MinHasher.isCopy(0.5, 600, 1000, 0.6, 0.8)).isTrue();
    assertThat(MinHasher.isCopy(0.6, 100, 100, 0.6, 0.8)).isTrue();
  }

  @Test
  void shouldKeyEachBandByItsIndexAndOneMinHashValueAfterTheSimilarityValues() {
    Random random = new Random(5);
    int[] a = MinHasher.signature(text(random, 300));
    assertThat(a).hasSize(MinHasher.HASHES + MinHasher.BANDS);
    int[] otherBand1 = a.clone();
    otherBand1[MinHasher.HASHES + 1] ^= 1;
    int[] otherSimilarityValue = a.clone();
    otherSimilarityValue[1] ^= 1;
    int[] band0ValueInBand1 = a.clone();
    band0ValueInBand1[MinHasher.HASHES + 1] = a[MinHasher.HASHES];

    assertThat(MinHasher.bandKey(a, 0)).hasSize(5).startsWith(0).isEqualTo(MinHasher.bandKey(otherBand1, 0));
    assertThat(MinHasher.bandKey(a, 1)).startsWith(1).isNotEqualTo(MinHasher.bandKey(otherBand1, 1));
    assertThat(MinHasher.bandKey(a, 1)).isEqualTo(MinHasher.bandKey(otherSimilarityValue, 1));
    assertThat(MinHasher.bandKey(band0ValueInBand1, 1)).as("same value, other band").isNotEqualTo(MinHasher.bandKey(a, 0));
  }
}
