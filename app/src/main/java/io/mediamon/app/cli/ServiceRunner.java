package io.mediamon.app.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a long-running service up until Ctrl-C (SIGINT/SIGTERM), then closes it. */
final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** Runs a consumer loop on its own thread until Ctrl-C, then stops it and waits for the loop to end. */
  static void runLoopUntilStopped(String name, Runnable loop, AutoCloseable stop) throws Exception {
    Thread thread = new Thread(loop, "mediamon-" + name);
    thread.start();
    runUntilStopped(name, () -> {
      stop.close();
      thread.join(30_000);
    });
  }

  static void runUntilStopped(String name, AutoCloseable service) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping {}", name);
      try {
        service.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}", name, e);
      }
      stopped.countDown();
    }, name + "-shutdown"));
    LOG.info("{} running; Ctrl-C to stop", name);
    stopped.await();
  }
}
