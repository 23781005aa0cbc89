package io.mediamon.sink.ops;

import com.sun.net.httpserver.HttpServer;
import io.mediamon.common.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator metrics service: reads {@link PipelineStatus} from Kafka every {@code sink.metrics.interval} and
 * serves it as Prometheus metrics on {@code sink.metrics.port} at {@code /metrics}. It keeps no state of its own, so
 * any number of them can run, and it survives Kafka being away (a refresh that fails is logged and retried; the
 * refresh timestamp gauge stops moving).
 */
public final class MetricsApp implements io.mediamon.common.LoopService {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsApp.class);
  /** What the endpoint's Content-Type says: the Prometheus text format. */
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  private final PipelineStatus status;
  private final PipelineMetrics metrics = new PipelineMetrics();
  private final Duration interval;
  private final Duration window;
  private final HttpServer server;
  private final AtomicBoolean running = new AtomicBoolean(true);

  public MetricsApp(Settings settings, Admin admin) {
    this.status = new PipelineStatus(settings, admin);
    this.interval = settings.duration("sink.metrics.interval");
    this.window = settings.duration("sink.metrics.window");
    try {
      this.server = HttpServer.create(new InetSocketAddress(settings.integer("sink.metrics.port")), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("sink.metrics.port: cannot listen: " + e.getMessage(), e);
    }
    server.createContext("/metrics", exchange -> {
      byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", TEXT_FORMAT);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    LOG.info("metrics on http://localhost:{}/metrics, refreshed every {}", port(), interval);
  }

  /** The port the endpoint listens on (the chosen one when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Refreshes until {@link #close()}; each snapshot measures rates over one interval. */
  public void run() {
    while (running.get()) {
      try {
        metrics.update(status.snapshot(interval, window), Instant.now().getEpochSecond());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.warn("cannot read the pipeline's figures from Kafka; retrying in {}: {}", interval, e.toString());
        sleep();
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  @Override
  public io.mediamon.common.ServiceThread loopThread() {
    return thread;
  }

  private final io.mediamon.common.ServiceThread thread = new io.mediamon.common.ServiceThread("mediamon-metrics",
      this::run, this::stopLoop, java.time.Duration.ofSeconds(30));

  private void stopLoop() {
    running.set(false);
    server.stop(0);
    thread.interrupt(); // it sleeps between refreshes: a stop need not wait for the next one
  }
}
