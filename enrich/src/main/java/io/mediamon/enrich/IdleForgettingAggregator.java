package io.mediamon.enrich;

import io.mediamon.enrich.dedup.Retention;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Folds each record into its key's aggregate, and sends the aggregate on to a compacted topic; an aggregate that
 * has had no record for the retention window is forgotten by the store, and the topic keeps its last version.
 * Stories are forgotten after the dedup window (by then no dedup store holds any of their copies, so no later copy
 * can join them), cited posts after the posts window (cited again later, a post starts a new record). Without this
 * the stores would grow with all history.
 *
 * <p>Each aggregate is stamped with the time of its latest record, so it stays while records keep coming.
 *
 * @param <V> the records folded in
 * @param <A> the aggregate
 */
final class IdleForgettingAggregator<V, A> implements Processor<String, V, String, A> {
  /** Folds a record into its key's aggregate (the empty one for a key not seen in the window). */
  interface Fold<V, A> {
    A add(String key, V value, A aggregate);
  }

  private final String storeName;
  private final Duration retention;
  private final Supplier<A> empty;
  private final Fold<V, A> fold;
  private TimestampedKeyValueStore<String, A> aggregates;
  private ProcessorContext<String, A> context;

  IdleForgettingAggregator(String storeName, Duration retention, Supplier<A> empty, Fold<V, A> fold) {
    this.storeName = storeName;
    this.retention = retention;
    this.empty = empty;
    this.fold = fold;
  }

  @Override
  public void init(ProcessorContext<String, A> context) {
    this.context = context;
    this.aggregates = context.getStateStore(storeName);
    context.schedule(Retention.sweepInterval(retention), PunctuationType.STREAM_TIME, this::forgetIdleBefore);
  }

  @Override
  public void process(Record<String, V> record) {
    ValueAndTimestamp<A> known = aggregates.get(record.key());
    A aggregate = fold.add(record.key(), record.value(), known == null ? empty.get() : known.value());
    long latest = known == null ? record.timestamp() : Math.max(known.timestamp(), record.timestamp());
    aggregates.put(record.key(), ValueAndTimestamp.make(aggregate, latest));
    context.forward(record.withValue(aggregate).withTimestamp(latest));
  }

  private void forgetIdleBefore(long streamTime) {
    Retention.deleteOlderThan(aggregates, streamTime - retention.toMillis());
  }
}
