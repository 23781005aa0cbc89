package io.mediamon.sink.alert;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the alerts service, logged on shutdown and read by tests. */
public final class AlertMetrics {
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong alerts = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong deliveryDeadLetters = new AtomicLong();
  private final AtomicLong processingDeadLetters = new AtomicLong();

  void eventSeen() {
    events.incrementAndGet();
  }

  void alertRaised() {
    alerts.incrementAndGet();
  }

  void deliveredOne() {
    delivered.incrementAndGet();
  }

  void retried() {
    retries.incrementAndGet();
  }

  void deliveryFailed() {
    deliveryDeadLetters.incrementAndGet();
  }

  public long events() {
    return events.get();
  }

  public long alerts() {
    return alerts.get();
  }

  public long delivered() {
    return delivered.get();
  }

  public long retries() {
    return retries.get();
  }

  public long deliveryDeadLetters() {
    return deliveryDeadLetters.get();
  }

  /** Records the alerts topology could not read or process, dead-lettered by Kafka Streams' handlers. */
  public long processingDeadLetters() {
    return processingDeadLetters.get();
  }

  AtomicLong processingDeadLetterCounter() {
    return processingDeadLetters;
  }

  @Override
  public String toString() {
    return events + " events, " + alerts + " alerts, " + delivered + " webhook deliveries, " + retries + " retries, "
        + deliveryDeadLetters + " undeliverable, " + processingDeadLetters + " dead letters";
  }
}
