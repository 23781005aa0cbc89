package io.mediamon.enrich.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** How often dedup stores are swept for entries older than their retention window, and the sweep itself. */
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

  /** Deletes the entries stamped before {@code cutoff}; collected first, since a store is not changed while read. */
  public static <K, V> void deleteOlderThan(TimestampedKeyValueStore<K, V> store, long cutoff) {
    List<K> expired = new ArrayList<>();
    try (KeyValueIterator<K, ValueAndTimestamp<V>> all = store.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        if (entry.value.timestamp() < cutoff) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(store::delete);
  }
}
