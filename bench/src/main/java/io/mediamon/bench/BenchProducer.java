package io.mediamon.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * How the dedup benchmarks feed their input: batched and compressed, patient with a broker that stalls on a slow
 * disk, and counting every record the broker did not take, so a run never waits for documents that were never
 * written (a million-document run once lost 16 records to a stall, and waited for them forever).
 */
final class BenchProducer implements Callback {
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  static Map<String, Object> config(String bootstrap) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis());
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      failed.incrementAndGet();
      firstFailure.compareAndSet(null, exception);
    }
  }

  /** Throws if any record was not written; call once the producer is flushed or closed. */
  void check() {
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " input records were not written", firstFailure.get());
    }
  }
}
