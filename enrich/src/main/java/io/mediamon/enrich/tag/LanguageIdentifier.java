package io.mediamon.enrich.tag;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Language identification with Lingua over a configured set of languages. One instance per process: its models
 * are large and shared read-only by every stream thread.
 */
public final class LanguageIdentifier {
  /**
   * Enough text to decide: several sentences, where single sentences already reach 96.8 % (BENCHMARKS.md). Lingua's
   * cost grows with the text, and a whole article would triple it without changing the answer.
   */
  private static final int SAMPLE_CHARS = 600;
  /**
   * The samples {@link #throughout} identifies besides the opening: shorter, for Lingua costs about 3 ms per 600
   * characters on this machine. On the labelled set, 300 characters pass as many articles and translations as 600
   * but one.
   */
  private static final int CHECK_CHARS = 300;

  /** Accuracy mode, see README: low uses trigram models only. */
  public enum Mode { LOW, HIGH }

  private final LanguageDetector detector;
  private final String version;

  public LanguageIdentifier(List<String> isoCodes, Mode mode) {
    List<IsoCode639_1> codes = new ArrayList<>();
    for (String code : isoCodes) {
      try {
        codes.add(IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("enrich.language.languages: '" + code + "' is not a language Lingua knows");
      }
    }
    if (codes.size() < 2) {
      throw new IllegalArgumentException("enrich.language.languages: at least two languages are needed");
    }
    LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(IsoCode639_1[]::new));
    if (mode == Mode.LOW) {
      builder = builder.withLowAccuracyMode();
    }
    this.detector = builder.build();
    this.version = "lingua-1.2.2/" + mode.name().toLowerCase(Locale.ROOT) + "/" + codes.size();
  }

  /** ISO 639-1 code of the text's language, or null when it cannot be told (too short, no letters). */
  public String identify(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Language language = detector.detectLanguageOf(sample);
    return language == Language.UNKNOWN ? null : language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a text is in {@code language} throughout, not only where {@link #identify} looked: its middle and its
   * end are identified too. A page in two languages (an English report quoting a German statement at length) gets
   * its opening's language, which then describes only part of it.
   */
  public boolean throughout(String text, String language) {
    if (language == null || text == null) {
      return false;
    }
    int middle = text.length() / 2;
    return text.length() <= SAMPLE_CHARS
        || language.equals(identify(text.substring(middle, Math.min(text.length(), middle + CHECK_CHARS))))
        && language.equals(identify(text.substring(text.length() - CHECK_CHARS)));
  }

  /** Component version for provenance. */
  public String version() {
    return version;
  }
}
