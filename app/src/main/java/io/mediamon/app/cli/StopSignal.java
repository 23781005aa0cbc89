package io.mediamon.app.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C and SIGTERM for the command that runs in this process. The JVM halts as soon as its shutdown hooks return,
 * so a hook that only says "stop" lets it die before Kafka Streams has written its checkpoints, the sink has rolled its
 * files and the embedded broker has closed its logs. The hook installed here asks the command to stop and then holds
 * the JVM until the command has closed everything and returned, for at most {@link #GRACE}.
 */
public final class StopSignal {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

  /**
   * How long a stop may take: enough for enrich to commit and close its stores (seconds), the sink to roll and commit,
   * and the broker to shut down (a few seconds); a command that is stuck is not waited for beyond it.
   */
  public static final Duration GRACE = Duration.ofSeconds(60);

  private static final CountDownLatch REQUESTED = new CountDownLatch(1);
  private static final CountDownLatch FINISHED = new CountDownLatch(1);
  private static final List<Runnable> ON_STOP = new CopyOnWriteArrayList<>();

  private StopSignal() {}

  /** Installs the hook; {@code Main} calls it once before running a command and {@link #finished()} after. */
  public static void install() {
    Runtime.getRuntime().addShutdownHook(new Thread(StopSignal::stop, "mediamon-stop"));
  }

  /** The command has returned: a hook that is waiting lets the JVM go. */
  public static void finished() {
    FINISHED.countDown();
  }

  /** Whether a stop was asked for. */
  static boolean requested() {
    return REQUESTED.getCount() == 0;
  }

  /** Waits until a stop is asked for. */
  static void await() throws InterruptedException {
    REQUESTED.await();
  }

  /** Waits up to {@code wait} for a stop; true if one was asked for. */
  static boolean await(Duration wait) throws InterruptedException {
    return REQUESTED.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code action} when a stop is asked for, for loops that block and must be woken (in registration order);
   * at once if the stop came before (during a start-up).
   */
  static synchronized void onStop(Runnable action) {
    if (requested()) {
      action.run();
    } else {
      ON_STOP.add(action);
    }
  }

  private static void stop() {
    if (FINISHED.getCount() == 0) {
      return; // the command ended by itself: System.exit is running the hooks
    }
    LOG.info("stopping: closing every part in order (at most {} s)", GRACE.toSeconds());
    List<Runnable> actions;
    synchronized (StopSignal.class) {
      REQUESTED.countDown();
      actions = List.copyOf(ON_STOP);
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("while stopping: {}", e.toString());
      }
    }
    try {
      if (!FINISHED.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("not everything closed within {} s; exiting anyway", GRACE.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
