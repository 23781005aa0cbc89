package io.mediamon.app;

import io.mediamon.app.cli.AlertsCommand;
import io.mediamon.app.cli.EnrichCommand;
import io.mediamon.app.cli.ExtractCommand;
import io.mediamon.app.cli.IngestCommand;
import io.mediamon.app.cli.LakeCommand;
import io.mediamon.app.cli.MetricsCommand;
import io.mediamon.app.cli.PollCommand;
import io.mediamon.app.cli.RunCommand;
import io.mediamon.app.cli.SinkCommand;
import io.mediamon.app.cli.StopSignal;
import io.mediamon.app.cli.StatusCommand;
import io.mediamon.app.cli.TailCommand;
import io.mediamon.app.cli.TopicsCommand;
import io.mediamon.app.cli.VocabularyCommand;
import io.mediamon.app.cli.WebCommand;
import io.mediamon.common.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mediamon} command line. */
@Command(
    name = "mediamon",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Media monitoring pipeline: ingest -> enrich -> sink over Kafka topics.",
    subcommands = {RunCommand.class, IngestCommand.class, EnrichCommand.class, SinkCommand.class, AlertsCommand.class,
        LakeCommand.class, PollCommand.class, StatusCommand.class, MetricsCommand.class, TailCommand.class,
        ExtractCommand.class, TopicsCommand.class, VocabularyCommand.class, WebCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  public static void main(String[] args) {
    StopSignal.install();
    int code;
    try {
      code = execute(args);
    } finally {
      StopSignal.finished();
    }
    System.exit(code);
  }

  /** Runs a command line and returns its exit code. */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs a command line with the given stdout and stderr (tests call this). */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof ConfigException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
        command.getErr().println("mediamon: " + io.mediamon.common.Redaction.text(e.getMessage()));
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mediamon " + io.mediamon.common.Versions.of(Main.class)};
    }
  }
}
