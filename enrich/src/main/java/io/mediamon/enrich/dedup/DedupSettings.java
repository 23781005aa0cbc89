package io.mediamon.enrich.dedup;

import io.mediamon.common.Settings;
import java.time.Duration;

/**
 * How dedup decides and how long it remembers, from the {@code enrich.dedup.*} settings.
 *
 * @param nearThreshold estimated Jaccard similarity of word 3-shingles at which a text is a copy
 * @param nearContainment estimated share of the shorter text found in the longer at which it is a copy
 * @param retention how long, in event time, a story is remembered
 * @param crossLanguage whether documents in one known language throughout also go to the anchor bands, which find
 *     copies in other languages ({@link CrossLanguageSigner}) at the price of up to 8 more band members per document
 *     ({@code enrich.dedup.translations}, on by default)
 */
public record DedupSettings(double nearThreshold, double nearContainment, Duration retention, boolean crossLanguage) {
  public static DedupSettings from(Settings settings) {
    return new DedupSettings(settings.decimal("enrich.dedup.near.threshold"),
        settings.decimal("enrich.dedup.near.containment"), settings.duration("enrich.dedup.retention"),
        settings.flag("enrich.dedup.translations"));
  }
}
