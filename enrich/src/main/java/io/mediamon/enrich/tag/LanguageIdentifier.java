package io.mediamon.enrich.tag;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Language identification over a configured set of languages, with Apache OpenNLP's detector and Apache's published
 * model (the default) or with Lingua. One instance per process: its models are large and shared read-only by every
 * stream thread.
 */
public final class LanguageIdentifier {
  /**
   * Enough text to decide: several sentences, where single sentences already reach 98.5 % (BENCHMARKS.md). The cost
   * grows with the text, and a whole article would multiply it without changing the answer.
   */
  private static final int SAMPLE_CHARS = 600;
  /** The samples {@link #throughout} identifies besides the opening. */
  private static final int CHECK_CHARS = 300;
  /** Texts shorter than this (a headline and a line of summary) are identified with the declared language as prior. */
  static final int SHORT_CHARS = 200;
  /** How close to the best language the declared one must score to win on a short text. */
  static final double PRIOR_SHARE = 0.8;

  /** Lingua's accuracy mode: low uses trigram models only. */
  public enum Mode { LOW, HIGH }

  /** The detector. */
  public enum Detector { OPENNLP, LINGUA }

  /** Scores of the configured languages for a text, best first, the best scaled to 1.0; empty when none can be told. */
  private interface Backend {
    Map<String, Double> scores(String text);
  }

  private final Backend backend;
  private final String version;
  private final Set<String> known = new HashSet<>();

  /** With Lingua in the given mode (the detector of releases before 0.2.0). */
  public LanguageIdentifier(List<String> isoCodes, Mode mode) {
    this(isoCodes, Detector.LINGUA, mode);
  }

  public LanguageIdentifier(List<String> isoCodes, Detector detector, Mode mode) {
    for (String code : isoCodes) {
      known.add(code.strip().toLowerCase(Locale.ROOT));
    }
    if (known.size() < 2) {
      throw new IllegalArgumentException("enrich.language.languages: at least two languages are needed");
    }
    if (detector == Detector.LINGUA) {
      backend = lingua(known, mode);
      version = "lingua-1.2.2/" + mode.name().toLowerCase(Locale.ROOT) + "/" + known.size();
    } else {
      backend = new OpenNlp(known);
      version = "opennlp-2.5.4/langdetect-183/" + known.size();
    }
  }

  private static Backend lingua(Set<String> known, Mode mode) {
    List<IsoCode639_1> codes = new ArrayList<>();
    for (String code : known) {
      try {
        IsoCode639_1 iso = IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
        Language.getByIsoCode639_1(iso);
        codes.add(iso);
      } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
        throw new IllegalArgumentException("enrich.language.languages: '" + code + "' is not a language Lingua knows");
      }
    }
    LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(IsoCode639_1[]::new));
    if (mode == Mode.LOW) {
      builder = builder.withLowAccuracyMode();
    }
    LanguageDetector detector = builder.build();
    return text -> {
      Map<String, Double> scores = new LinkedHashMap<>();
      detector.computeLanguageConfidenceValues(text).entrySet().stream()
          .sorted(Map.Entry.<Language, Double>comparingByValue().reversed())
          .filter(e -> e.getKey() != Language.UNKNOWN && e.getValue() > 0)
          .forEach(e -> scores.put(e.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT), e.getValue()));
      return scores;
    };
  }

  /**
   * OpenNLP's maximum-entropy detector over character n-grams, with Apache's model of 103 languages (ISO 639-3
   * codes, mapped to 639-1), evaluated by {@link OpenNlpScorer}: the model is shared read-only by every thread.
   */
  private static final class OpenNlp implements Backend {
    private static final String MODEL = "langdetect-183.bin";
    /** Codes of the model that the JDK's ISO 639 tables do not map. */
    private static final Map<String, String> SPECIAL = Map.ofEntries(Map.entry("cmn", "zh"), Map.entry("nob", "nb"),
        Map.entry("nno", "nn"), Map.entry("pes", "fa"), Map.entry("zsm", "ms"), Map.entry("ekk", "et"),
        Map.entry("lvs", "lv"), Map.entry("khk", "mn"), Map.entry("swh", "sw"), Map.entry("arb", "ar"),
        Map.entry("azj", "az"), Map.entry("als", "sq"), Map.entry("ind", "id"), Map.entry("heb", "he"),
        Map.entry("tgl", "tl"), Map.entry("hbs", "sr"), Map.entry("uzn", "uz"), Map.entry("npi", "ne"),
        Map.entry("ory", "or"), Map.entry("gug", "gn"), Map.entry("quz", "qu"), Map.entry("ydd", "yi"),
        Map.entry("plt", "mg"), Map.entry("kmr", "ku"), Map.entry("lat", "la"));
    private final Map<String, String> toIso1 = new HashMap<>();
    private final OpenNlpScorer scorer;
    /** ISO 639-1 code of each outcome scored. */
    private final String[] outcomeIso1;

    OpenNlp(Set<String> known) {
      LanguageDetectorModel model;
      try (InputStream in = LanguageIdentifier.class.getClassLoader().getResourceAsStream(MODEL)) {
        if (in == null) {
          throw new IllegalStateException(MODEL + " (opennlp-models-langdetect) is missing from the classpath");
        }
        model = new LanguageDetectorModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the OpenNLP language model", e);
      }
      Set<String> supported = new HashSet<>();
      for (String iso3 : outcomes(model)) {
        String iso1 = SPECIAL.getOrDefault(iso3, iso1Of(iso3));
        if (iso1 != null && known.contains(iso1)) {
          toIso1.put(iso3, iso1);
          supported.add(iso1);
        }
      }
      // only the configured languages are scored: a language left out can never be the answer
      scorer = new OpenNlpScorer(model, toIso1::containsKey);
      String[] outcomes = scorer.outcomes();
      outcomeIso1 = new String[outcomes.length];
      for (int i = 0; i < outcomes.length; i++) {
        outcomeIso1[i] = toIso1.get(outcomes[i]);
      }
      for (String code : known) {
        if (!supported.contains(code)) {
          throw new IllegalArgumentException("enrich.language.languages: '" + code
              + "' is not a language OpenNLP's model knows (enrich.language.detector=lingua knows others)");
        }
      }
    }

    private static List<String> outcomes(LanguageDetectorModel model) {
      List<String> codes = new ArrayList<>();
      for (int i = 0; i < model.getMaxentModel().getNumOutcomes(); i++) {
        codes.add(model.getMaxentModel().getOutcome(i));
      }
      return codes;
    }

    private static String iso1Of(String iso3) {
      for (String iso1 : Locale.getISOLanguages()) {
        try {
          if (Locale.forLanguageTag(iso1).getISO3Language().equals(iso3)) {
            return iso1;
          }
        } catch (MissingResourceException e) {
          // no three-letter code for it
        }
      }
      return null;
    }

    @Override
    public Map<String, Double> scores(String text) {
      double[] p = scorer.probabilities(text);
      // best first; a stable sort keeps the model's order on ties, as the detector's does
      Integer[] order = new Integer[p.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
      Map<String, Double> scores = new LinkedHashMap<>();
      double best = -1;
      for (int o : order) {
        String iso1 = outcomeIso1[o];
        if (iso1 != null && !scores.containsKey(iso1)) {
          if (best < 0) {
            best = p[o];
          }
          scores.put(iso1, best <= 0 ? 0 : p[o] / best);
        }
      }
      return scores;
    }
  }

  /** ISO 639-1 code of the text's language, or null when it cannot be told (too short, no letters). */
  public String identify(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    if (sample.codePoints().noneMatch(Character::isLetter)) {
      return null;
    }
    Map<String, Double> scores = backend.scores(sample);
    return scores.isEmpty() ? null : scores.keySet().iterator().next();
  }

  /**
   * The language of a text that may be short (a headline and a summary), with a prior: the language its feed or page
   * declares. Below {@value #SHORT_CHARS} characters a few words decide little, so the prior wins unless the text
   * clearly says otherwise: the best language scores 1.0, and the prior must reach {@value #PRIOR_SHARE} of that (a
   * 12-word French headline gives English far less). Longer texts are identified as by {@link #identify(String)},
   * and the prior only fills in when nothing can be told.
   *
   * @param prior an ISO 639-1 code or a locale such as {@code en-US}; null or unknown when there is none
   */
  public String identify(String text, String prior) {
    String declared = normalise(prior);
    if (declared == null || text == null || text.strip().length() >= SHORT_CHARS) {
      String found = identify(text);
      return found != null ? found : declared;
    }
    if (text.isBlank() || text.codePoints().noneMatch(Character::isLetter)) {
      return declared;
    }
    Map<String, Double> scores = backend.scores(text);
    if (scores.isEmpty()) {
      return declared;
    }
    double forPrior = scores.getOrDefault(declared, 0.0);
    return forPrior >= PRIOR_SHARE ? declared : scores.keySet().iterator().next();
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
