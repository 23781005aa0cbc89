package io.mediamon.app.cli;

import io.mediamon.enrich.tag.MediaTopics;
import io.mediamon.enrich.tag.TopicClassifier;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mediamon vocabulary}: the IPTC Media Topics events are tagged with. */
@Command(name = "vocabulary", mixinStandardHelpOptions = true,
    description = "Print the IPTC Media Topic vocabulary (release " + MediaTopics.VERSION + ", CC BY 4.0): code, "
        + "level, parent and label, indented by level. By default the two levels mediamon tags.")
public final class VocabularyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--depth", description = "Deepest level to print, 1 to 6 (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int depth;

  @Option(names = "--lang", description = "Label language: en-GB, en-US, fr, de, es, pt-PT, pt-BR, ar, dk, no-NB, "
      + "no-NN, se, zh-Hans (default: ${DEFAULT-VALUE}).", defaultValue = "en-GB")
  String language;

  @Option(names = "--retired", description = "Also print retired topics, with their retirement date.")
  boolean retired;

  @Option(names = "--definitions", description = "Print each topic's definition under it.")
  boolean definitions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MediaTopics vocabulary = MediaTopics.load();
    out.printf("# IPTC Media Topics, release %s (CC BY 4.0, iptc.org); mediamon tags levels 1 and 2 in %s%n",
        MediaTopics.VERSION, String.join(", ", TopicClassifier.LANGUAGES));
    print(out, vocabulary, null, 1);
    return 0;
  }

  private void print(PrintWriter out, MediaTopics vocabulary, String parent, int level) {
    if (level > depth) {
      return;
    }
    for (MediaTopics.Topic t : vocabulary.all()) {
      boolean child = parent == null ? t.level() == 1 : parent.equals(t.parent());
      if (!child || !t.inUse() && !retired) {
        continue;
      }
      String name = t.names().getOrDefault(language, t.label());
      out.printf("%s%s  %d  %s  %s%s%n", "  ".repeat(level - 1), t.code(), t.level(),
          t.parent() == null ? "-       " : t.parent(), name, t.inUse() ? "" : "  (retired " + t.retired() + ")");
      if (definitions && t.definitions().containsKey("en-GB")) {
        out.printf("%s    %s%n", "  ".repeat(level - 1), t.definitions().getOrDefault(language,
            t.definitions().get("en-GB")));
      }
      print(out, vocabulary, t.code(), level + 1);
    }
  }
}
