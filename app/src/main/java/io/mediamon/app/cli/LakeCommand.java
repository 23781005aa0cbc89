package io.mediamon.app.cli;

import io.mediamon.common.Settings;
import io.mediamon.sink.SinkApp;
import io.mediamon.sink.lake.LakeCompactor;
import io.mediamon.sink.lake.LakeTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediamon lake compact}: merges the lake's small files. */
@Command(name = "lake", mixinStandardHelpOptions = true, description = "Maintain the Parquet lake.",
    subcommands = LakeCommand.Compact.class)
public final class LakeCommand {
  private LakeCommand() {}

  @Command(name = "compact", mixinStandardHelpOptions = true,
      description = {"Merge small files: per date, language and Kafka partition, the files the sink has committed",
          "and that are smaller than sink.lake.compact.small.bytes become one. Safe next to a running sink.",
          "Uses KAFKA_BOOTSTRAP, else the embedded broker of the data directory (stop `run` first)."})
  static final class Compact implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--table", description = "Tables to compact (default: every table in sink.lake.tables).")
    List<String> tables;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Cluster cluster = Cluster.open(common.settings(), true)) {
        Settings settings = cluster.settings();
        Path root = SinkApp.lakeRoot(settings, CommonOptions.dataDir(settings).resolve("lake"));
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = cluster.admin()) {
          committed = admin.listConsumerGroupOffsets(settings.string("sink.group.id")).partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
        }
        LakeCompactor compactor = new LakeCompactor(SinkApp.lakeFormat(settings));
        PrintWriter out = spec.commandLine().getOut();
        for (String name : tables != null ? tables : settings.list("sink.lake.tables")) {
          LakeTable<?> table = LakeTable.named(name).orElseThrow(
              () -> new picocli.CommandLine.ParameterException(spec.commandLine(), "no lake table " + name));
          Map<Integer, Long> next = new HashMap<>();
          committed.forEach((tp, o) -> {
            if (o != null && tp.topic().equals(table.topic().name())) {
              next.put(tp.partition(), o.offset());
            }
          });
          LakeCompactor.Result r = compactor.compact(root, table, next, settings.bytes("sink.lake.compact.small.bytes"));
          out.printf("%s: %d files -> %d (%d merged, %d covered files removed)%n", name, r.filesBefore(),
              r.filesAfter(), r.merged(), r.redundantDeleted());
        }
        out.flush();
        return 0;
      }
    }
  }
}
