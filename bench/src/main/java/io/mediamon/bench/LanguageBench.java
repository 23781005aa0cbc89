package io.mediamon.bench;

import io.mediamon.common.Settings;
import io.mediamon.enrich.tag.LanguageIdentifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Language-identification accuracy on the Lingua test data (sentences, word pairs, single words) for the
 * configured languages, with the heap the models take and the speed on one core.
 *
 * <pre>mvn -q -pl bench -am install -DskipTests &amp;&amp; mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.LanguageBench -Dbench.args=opennlp</pre> (or low, high for Lingua)
 */
public final class LanguageBench {
  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 && !args[0].isBlank() ? args[0] : "low";
    List<String> languages = Settings.defaults(Map.of()).list("enrich.language.languages");
    Path root = Corpora.root().resolve("langid-lingua");
    long before = Corpora.usedHeapAfterGc();
    // "opennlp" (the default detector), or a Lingua mode: "low", "high"
    LanguageIdentifier id = mode.equals("opennlp")
        ? new LanguageIdentifier(languages, LanguageIdentifier.Detector.OPENNLP, LanguageIdentifier.Mode.LOW)
        : new LanguageIdentifier(languages, LanguageIdentifier.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
    for (String kind : List.of("sentences", "word-pairs", "single-words")) {
      double sum = 0;
      int measured = 0;
      long items = 0;
      long nanos = 0;
      List<String> worst = new ArrayList<>();
      for (String lang : languages) {
        Path file = root.resolve(kind).resolve(lang + ".txt");
        if (!Files.exists(file)) {
          continue;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int right = 0;
        long start = System.nanoTime();
        for (String line : lines) {
          if (lang.equals(id.identify(line))) {
            right++;
          }
        }
        nanos += System.nanoTime() - start;
        items += lines.size();
        double accuracy = 100.0 * right / lines.size();
        sum += accuracy;
        measured++;
        worst.add(String.format(Locale.ROOT, "%s %.1f", lang, accuracy));
      }
      worst.sort((a, b) -> Double.compare(Double.parseDouble(a.split(" ")[1]), Double.parseDouble(b.split(" ")[1])));
      System.out.printf(Locale.ROOT, "%-12s mode=%s languages=%d mean accuracy=%.1f%%  %,.0f items/s  lowest: %s%n",
          kind, mode, measured, sum / measured, items / (nanos / 1e9), worst.subList(0, Math.min(5, worst.size())));
    }
    System.out.printf(Locale.ROOT, "heap held by the models after the run: %.0f MB%n",
        (Corpora.usedHeapAfterGc() - before) / 1024.0 / 1024.0);
    System.out.println("(" + id.version() + "; " + languages.size() + " configured languages)");
  }
}
