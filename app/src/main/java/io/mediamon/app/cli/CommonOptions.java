package io.mediamon.app.cli;

import io.mediamon.common.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Options every command shares: configuration file, data directory and key=value overrides. */
public final class CommonOptions {
  private static final Logger LOG = LoggerFactory.getLogger(CommonOptions.class);

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file layered over the defaults (also MEDIAMON_CONFIG).")
  Path config;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded broker, Streams state and lake live (default: ./data, key run.data.dir).")
  Path dataDir;

  @Option(names = "--broker-port", paramLabel = "PORT",
      description = "Port of the embedded broker; its controller uses PORT+1 (default 19092, key run.broker.port).")
  Integer brokerPort;

  @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "Override any configuration key.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * Defaults < file < environment < command line. A key the file or the command line sets that mediamon does not
   * know stops the command with an error naming it; a MEDIAMON_ variable that sets nothing is warned of.
   */
  public Settings settings() {
    Path file = config;
    if (file == null && System.getenv("MEDIAMON_CONFIG") != null) {
      file = Path.of(System.getenv("MEDIAMON_CONFIG"));
    }
    Map<String, String> cli = new LinkedHashMap<>(overrides);
    if (dataDir != null) {
      cli.put("run.data.dir", dataDir.toString());
    }
    if (brokerPort != null) {
      cli.put("run.broker.port", brokerPort.toString());
    }
    Settings settings = Settings.load(file, cli);
    settings.requireKnownKeys();
    Settings.unknownVariables(System.getenv())
        .forEach(variable -> LOG.warn("environment variable {} sets no configuration key: ignored", variable));
    return settings;
  }

  public static Path dataDir(Settings settings) {
    return Path.of(settings.string("run.data.dir")).toAbsolutePath();
  }
}
