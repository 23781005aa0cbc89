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
  /** Texts shorter than this (a headline and a line of summary) are identified with the declared language as prior. */
  static final int SHORT_CHARS = 200;
  /** How close to the best language the declared one must score to win on a short text. */
  static final double PRIOR_SHARE = 0.8;

  /** Accuracy mode, see README: low uses trigram models only. */
  public enum Mode { LOW, HIGH }

  private final LanguageDetector detector;
  private final String version;
  private final java.util.Set<String> known = new java.util.HashSet<>();

  public LanguageIdentifier(List<String> isoCodes, Mode mode) {
    List<IsoCode639_1> codes = new ArrayList<>();
    for (String code : isoCodes) {
      try {
        codes.add(IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT)));
        known.add(code.strip().toLowerCase(Locale.ROOT));
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
   * The language of a text that may be short (a headline and a summary), with a prior: the language its feed or page
   * declares. Below {@value #SHORT_CHARS} characters a few words decide little, so the prior wins unless the text
   * clearly says otherwise: Lingua scores the best language 1.0, and the prior must reach {@value #PRIOR_SHARE} of
   * that (a 12-word French headline gives English under 0.66). Longer texts are identified as by
   * {@link #identify(String)}, and the prior only fills in when nothing can be told.
   *
   * @param prior an ISO 639-1 code or a locale such as {@code en-US}; null or unknown when there is none
   */
  public String identify(String text, String prior) {
    String declared = normalise(prior);
    if (declared == null || text == null || text.strip().length() >= SHORT_CHARS) {
      String found = identify(text);
      return found != null ? found : declared;
    }
    if (text.isBlank()) {
      return declared;
    }
    Language priorLanguage = Language.getByIsoCode639_1(IsoCode639_1.valueOf(declared.toUpperCase(Locale.ROOT)));
    java.util.SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(text);
    if (confidences.isEmpty()) {
      return declared;
    }
    double best = confidences.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double forPrior = confidences.getOrDefault(priorLanguage, 0.0);
    if (forPrior >= best * PRIOR_SHARE) {
      return declared;
    }
    Language top = confidences.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).get().getKey();
    return top == Language.UNKNOWN ? declared : top.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  /** The ISO 639-1 code of a declared language when it is one this identifier knows, else null. */
  private String normalise(String prior) {
    if (prior == null || prior.isBlank()) {
      return null;
    }
    String code = prior.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
    return known.contains(code) ? code : null;
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
