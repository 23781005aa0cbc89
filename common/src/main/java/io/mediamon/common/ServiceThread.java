package io.mediamon.common;

import java.time.Duration;

/**
 * The thread of a {@link Service} whose work is one loop: started by {@link Service#start}, asked to end by a stop
 * action, and waited for within a bound. A loop run on a caller's thread (as tests do) is stopped and not waited for.
 */
public final class ServiceThread {
  private final String name;
  private final Runnable loop;
  private final Runnable stop;
  private final Duration grace;
  private volatile Thread thread;

  /**
   * @param stop what makes the loop return (a flag and a wake-up), called from another thread
   * @param grace how long {@link #stop()} waits for the loop to end
   */
  public ServiceThread(String name, Runnable loop, Runnable stop, Duration grace) {
    this.name = name;
    this.loop = loop;
    this.stop = stop;
    this.grace = grace;
  }

  public synchronized void start() {
    if (thread == null) {
      thread = new Thread(loop, name);
      thread.start();
    }
  }

  /** Whether {@link #start()} ran the loop (rather than a caller, on its own thread). */
  public boolean started() {
    return thread != null;
  }

  /** Whether the loop {@link #start()} ran has ended (by itself, if no stop was asked for). */
  public boolean ended() {
    Thread t = thread;
    return t != null && !t.isAlive();
  }

  /** Interrupts the loop's thread: for a loop that sleeps between rounds and holds nothing an interrupt would break. */
  public void interrupt() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  public boolean running() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  /** Asks the loop to end and waits for it, within the grace. */
  public void stop() {
    stop.run();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(grace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
