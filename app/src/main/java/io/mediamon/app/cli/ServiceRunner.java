package io.mediamon.app.cli;

import io.mediamon.common.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one long-running {@link Service} until Ctrl-C or SIGTERM ({@link StopSignal}), then closes it. */
final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** Starts the service, waits for a stop, and closes it on the command's own thread before the command returns. */
  static void run(String name, Service service) throws Exception {
    service.start();
    LOG.info("{} running; Ctrl-C to stop", name);
    StopSignal.await();
    LOG.info("stopping {}", name);
    service.close();
    LOG.info("{} stopped", name);
  }
}
