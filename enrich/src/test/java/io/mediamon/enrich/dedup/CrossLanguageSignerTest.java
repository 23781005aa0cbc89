package io.mediamon.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CrossLanguageSignerTest {
  @Test
  void shouldTakeNumbersAndNamesButNotWordsOpeningASentence() {
    assertThat(CrossLanguageSigner.anchors("The Commission met in Brussels on 12 March. It spent 1,500 euros."))
        .containsExactly("com", "bru", "#12", "mar", "#1", "#500");
  }

  @Test
  void shouldGiveCognatesAndBothNumberFormatsTheSameAnchors() {
    assertThat(CrossLanguageSigner.anchors("Talks in Europe cost 1,500 dollars, the Commission said."))
        .containsSubsequence("eur", "#1", "#500", "com");
    assertThat(CrossLanguageSigner.anchors("Las conversaciones en Europa costaron 1.500 dólares, dijo la Comisión."))
        .containsSubsequence("eur", "#1", "#500", "com");
  }

  @Test
  void shouldNotSignATextWithTooFewAnchors() {
    assertThat(CrossLanguageSigner.signable(CrossLanguageSigner.sign("a text with no names and one number, 7.")))
        .isFalse();
    assertThat(CrossLanguageSigner.signable(CrossLanguageSigner.sign(
        "Talks between Paris, Berlin, Madrid and Rome on 3 May drew 400 delegates, said Ursula Martin of Reuters."
            + " Later Lisbon and Vienna joined with 12 more.")))
        .isTrue();
  }

  @Test
  void shouldKeepAnchorBandsApartFromWordBands() {
    int[] signature = CrossLanguageSigner.sign("Talks between Paris, Berlin, Madrid and Rome on 3 May.").values();
    for (int band = 0; band < CrossLanguageSigner.BANDS; band++) {
      assertThat(CrossLanguageSigner.bandKey(signature, band)[0])
          .isEqualTo((byte) (CrossLanguageSigner.FIRST_BAND + band)).isGreaterThanOrEqualTo((byte) MinHasher.BANDS);
    }
  }

  @Test
  void shouldNotLetTwoShortTextsAgreeOnAQuarterWithoutPairs() {
    // six anchors each: the last quarter holds only the last anchor, which pairs with nothing after it
    String first = "Talks in Paris, Berlin and Vienna drew 400 people, said Martin of Reuters.";
    String second = "Rain in Oslo, Lima and Quito left 731 homes dry, said Okafor of Agence.";
    MinHasher.Signature a = CrossLanguageSigner.sign(first);
    MinHasher.Signature b = CrossLanguageSigner.sign(second);
    assertThat(CrossLanguageSigner.anchors(first)).hasSize(6);
    assertThat(CrossLanguageSigner.signable(a)).isTrue();
    assertThat(CrossLanguageSigner.signable(b)).isTrue();
    assertThat(MinHasher.similarity(a.values(), CrossLanguageSigner.sketch(b.values())))
        .isLessThan(CrossLanguageSigner.THRESHOLD);
    assertThat(CrossLanguageSigner.isCopy(a.values(), ByteBuffer.wrap(CrossLanguageSigner.sketch(b.values()))))
        .isFalse();
  }

  @Test
  void shouldWantAgreementSpreadOverTheText() {
    int[] probe = new int[MinHasher.HASHES];
    for (int h = 0; h < probe.length; h++) {
      probe[h] = h;
    }
    // 16 of 64 values agree, an estimate well above the threshold: all in the first quarter, or 4 in each
    int[] oneQuarter = new int[MinHasher.HASHES];
    int[] spread = new int[MinHasher.HASHES];
    for (int h = 0; h < probe.length; h++) {
      oneQuarter[h] = h < 16 ? h : h + 100;
      spread[h] = h % 16 < 4 ? h : h + 100;
    }
    ByteBuffer inOneQuarter = ByteBuffer.wrap(CrossLanguageSigner.sketch(oneQuarter));
    ByteBuffer allThrough = ByteBuffer.wrap(CrossLanguageSigner.sketch(spread));
    assertThat(MinHasher.similarity(probe, inOneQuarter)).isGreaterThan(CrossLanguageSigner.THRESHOLD);
    assertThat(MinHasher.similarity(probe, allThrough)).isEqualTo(MinHasher.similarity(probe, inOneQuarter));
    assertThat(CrossLanguageSigner.isCopy(probe, inOneQuarter)).isFalse();
    assertThat(CrossLanguageSigner.isCopy(probe, allThrough)).isTrue();
  }

  @Test
  void shouldKeepWideSketchesForAnchorMembers() {
    int[] signature = CrossLanguageSigner.sign("Talks between Paris, Berlin, Madrid and Rome on 3 May.").values();
    assertThat(CrossLanguageSigner.sketch(signature)).hasSize(MinHasher.HASHES * CrossLanguageSigner.SKETCH_BITS / 8);
    assertThat(CrossLanguageSigner.isCopy(signature, ByteBuffer.wrap(CrossLanguageSigner.sketch(signature)))).isTrue();
  }
}
