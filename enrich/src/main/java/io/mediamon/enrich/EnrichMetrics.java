package io.mediamon.enrich;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one enrich instance, read by the CLI summary and the operator metrics. */
public final class EnrichMetrics {
  final AtomicLong documentsIn = new AtomicLong();
  final AtomicLong events = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong deadLetters = new AtomicLong();

  public long documentsIn() {
    return documentsIn.get();
  }

  public long events() {
    return events.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }
}
