package io.mediamon.app.cli;

import io.mediamon.common.LoopService;
import io.mediamon.common.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one long-running {@link Service} until Ctrl-C or SIGTERM ({@link StopSignal}), then closes it. */
final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** Starts the service, waits for a stop, and closes it on the command's own thread before the command returns. */
  static int run(String name, Service service) throws Exception {
    service.start();
    LOG.info("{} running; Ctrl-C to stop", name);
    boolean died = false;
    while (!StopSignal.await(java.time.Duration.ofSeconds(1))) {
      if (service instanceof LoopService loop && loop.loopThread().ended()) {
        // a loop that ended by itself (a failure it could not get past): exit, so a supervisor restarts the service
        LOG.error("{} stopped by itself; exiting", name);
        died = true;
        break;
      }
    }
    LOG.info("stopping {}", name);
    service.close();
    LOG.info("{} stopped", name);
    return died ? 1 : 0;
  }
}
