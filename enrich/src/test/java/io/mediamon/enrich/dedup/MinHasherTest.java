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

    assertThat(MinHasher.compact(a)).hasSize(MinHasher.HASHES);
    assertThat(MinHasher.similarity(a, MinHasher.compact(a))).isEqualTo(1.0);
    assertThat(MinHasher.similarity(b, MinHasher.compact(a))).isCloseTo(MinHasher.similarity(a, b), within(0.05));
    assertThat(MinHasher.similarity(unrelated, MinHasher.compact(a))).isLessThan(0.1);
  }
}
