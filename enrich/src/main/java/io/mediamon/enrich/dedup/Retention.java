package io.mediamon.enrich.dedup;

import java.time.Duration;

/** How often dedup stores are swept for entries older than their retention window. */
public final class Retention {
  private Retention() {}

  /**
   * A hundredth of the window, at least a minute: eviction is at most 1 % late, and a sweep (a scan of the task's
   * store) runs rarely enough to cost little.
   */
  public static Duration sweepInterval(Duration retention) {
    Duration interval = retention.dividedBy(100);
    return interval.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : interval;
  }
}
