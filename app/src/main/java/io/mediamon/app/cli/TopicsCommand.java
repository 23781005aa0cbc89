package io.mediamon.app.cli;

import io.mediamon.schemas.Topic;
import io.mediamon.schemas.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediamon topics}: the topic catalogue. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "List the pipeline's topics.")
public final class TopicsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (Topic<?, ?> t : Topics.ALL) {
      spec.commandLine().getOut().printf("%-18s %2d partitions  %-7s  %s%n", t.name(), t.partitions(),
          t.compacted() ? "compact" : "delete", t.description());
    }
    return 0;
  }
}
