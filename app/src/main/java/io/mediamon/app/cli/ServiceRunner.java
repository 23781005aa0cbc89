package io.mediamon.app.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a long-running service up until Ctrl-C or SIGTERM ({@link StopSignal}), then closes it. */
final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** Runs a consumer loop on its own thread until stopped, then stops it and waits for the loop to end. */
  static void runLoopUntilStopped(String name, Runnable loop, AutoCloseable stop) throws Exception {
    Thread thread = new Thread(loop, "mediamon-" + name);
    thread.start();
    runUntilStopped(name, () -> {
      stop.close();
      thread.join(StopSignal.GRACE.toMillis() / 2);
    });
  }

  /** Waits for a stop, then closes the service on the command's own thread, before the command returns. */
  static void runUntilStopped(String name, AutoCloseable service) throws Exception {
    LOG.info("{} running; Ctrl-C to stop", name);
    StopSignal.await();
    LOG.info("stopping {}", name);
    service.close();
    LOG.info("{} stopped", name);
  }
}
