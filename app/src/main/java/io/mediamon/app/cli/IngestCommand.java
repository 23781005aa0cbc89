package io.mediamon.app.cli;

import io.mediamon.common.Settings;
import io.mediamon.ingest.IngestApp;
import io.mediamon.ingest.IngestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediamon ingest}: the ingest service alone, against KAFKA_BOOTSTRAP. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read the inputs once and produce raw documents to media.raw (needs KAFKA_BOOTSTRAP).")
public final class IngestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "PATH|URL", arity = "0..*", description = "Inputs (default: key ingest.inputs).")
  List<String> inputs = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Cluster cluster = Cluster.open(common.settings(), false)) {
      cluster.ensureTopics();
      Settings settings = cluster.settings();
      try (IngestApp ingest = new IngestApp(settings)) {
        IngestReport report = ingest.ingest(inputs.isEmpty() ? RunCommand.defaultInputs(settings) : inputs);
        spec.commandLine().getErr().printf("mediamon: %d documents produced, %d inputs failed%n",
            report.documentIds().size(), report.deadLetters().size());
      }
    }
    return 0;
  }
}
