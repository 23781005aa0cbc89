package io.mediamon.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (combined broker and controller) in this process, from the Kafka jars on Maven
 * Central. The only class that touches Kafka's internal server API.
 *
 * <p>Storage is formatted once, when {@code meta.properties} is absent; the cluster id and the ports are fixed,
 * so a restart on the same data directory finds its topics, offsets and transactions again.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  /** Fixed, so the formatted storage always matches the configuration it is started with. */
  static final String CLUSTER_ID = "bWVkaWFtb24tZW1iZWRkZQ";
  private static final int NODE_ID = 1;
  private final KafkaRaftServer server;
  private final String bootstrap;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrap) {
    this.server = server;
    this.bootstrap = bootstrap;
  }

  /**
   * Starts a broker storing its data under {@code dataDir}, listening on {@code port} (the controller on
   * {@code port + 1}), and waits until it answers.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    return start(dataDir, port, Map.of());
  }

  /**
   * As {@link #start(Path, int)}, with broker settings of the caller's over this class's defaults (a benchmark
   * gives the log cleaner a production broker's memory, for instance).
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port, Map<String, String> overrides) {
    Instant started = Instant.now();
    requireFree(port);
    requireFree(port + 1);
    Path logDir = dataDir.toAbsolutePath();
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the broker's data directory " + logDir, e);
    }
    ensureFree(logDir);
    Properties props = config(logDir, port);
    props.putAll(overrides);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    String bootstrap = "localhost:" + port;
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap);
    broker.awaitReady(Duration.ofSeconds(60));
    LOG.info("embedded Kafka broker ready at {} (data in {}) after {} ms", bootstrap, logDir,
        Duration.between(started, Instant.now()).toMillis());
    return broker;
  }

  /**
   * Stops with one sentence when another process holds the data directory (Kafka's {@code .lock}): a second
   * {@code run} on the same data directory, on another port, would otherwise die in the broker's start-up with
   * Kafka's stack trace. The lock is taken and let go here; Kafka takes it again a moment later.
   */
  static void ensureFree(Path logDir) {
    Path lock = logDir.resolve(".lock");
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock held = channel.tryLock();
      if (held == null) {
        throw inUse(logDir);
      }
      held.release();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      throw inUse(logDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot check the lock of the broker's data directory " + logDir + ": "
          + e.getMessage(), e);
    }
  }

  private static IllegalStateException inUse(Path logDir) {
    return new IllegalStateException("the data directory " + logDir.getParent() + " is in use by another mediamon "
        + "(its Kafka broker holds " + logDir + "): stop it, give another --data-dir, or point this command at "
        + "it with KAFKA_BOOTSTRAP");
  }

  static Properties config(Path logDir, int port) {
    Properties p = new Properties();
    p.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@localhost:" + (port + 1)),
        Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1)),
        Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", logDir.toString()),
        Map.entry("metadata.log.dir", logDir.toString()),
        // one node: every internal topic has exactly one replica
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("num.partitions", "1"),
        Map.entry("auto.create.topics.enable", "false"),
        // no one else joins this group coordinator; waiting for more members only delays the first rebalance
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // the default is a 128 MB heap buffer; a laptop demo compacts a few small topics
        Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024)),
        Map.entry("message.max.bytes", String.valueOf(12 * 1024 * 1024))));
    return p;
  }

  private static void format(Path logDir) {
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(NODE_ID)
          .setClusterId(CLUSTER_ID)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          // transactions v2 (KIP-890) made every Streams commit meet CONCURRENT_TRANSACTIONS retries and
          // out-of-order-sequence rejections here; closing enrich after 200 documents took 37 s instead of 2
          .setFeatureLevel("transaction.version", (short) 1)
          .setIgnoreFormatted(true)
          .run();
      LOG.info("formatted new broker storage in {}", logDir);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  private static void requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("localhost", port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " is in use (is another mediamon running?): "
          + "choose other ports with --broker-port or run.broker.port");
    }
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("the embedded broker did not answer within " + timeout, e);
          }
        }
      }
    }
  }

  /** Bootstrap servers of this broker. */
  public String bootstrap() {
    return bootstrap;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
