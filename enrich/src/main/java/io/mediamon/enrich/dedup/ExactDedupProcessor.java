package io.mediamon.enrich.dedup;

import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Exact dedup on one kind of key (hash of the canonical URL or of the text; see {@link ExactDedupKeys}): the records arrive keyed by that dedup key, so every
 * copy of a document lands on the same task and store, whatever instance ingested it. The store maps a dedup key
 * to the id of the first event that had it, stamped with that event's time; keys older than the retention window
 * are evicted, so state stays bounded and a copy after the window starts a new story.
 */
public final class ExactDedupProcessor implements FixedKeyProcessor<Bytes, EventRecord, EventRecord> {
  private final String storeName;
  private final String method;
  private final Duration retention;
  private TimestampedKeyValueStore<Bytes, String> firstSeen;
  private FixedKeyProcessorContext<Bytes, EventRecord> context;

  /**
   * @param storeName the store of dedup key to first event id
   * @param method what the key is, recorded on a duplicate's verdict ({@code canonical_url}, {@code text_hash})
   * @param retention how long a key is remembered, in event time
   */
  public ExactDedupProcessor(String storeName, String method, Duration retention) {
    this.storeName = storeName;
    this.method = method;
    this.retention = retention;
  }

  /** The store of dedup key to first event id (8 bytes for an ingest id), stamped with that event's time. */
  public static StoreBuilder<TimestampedKeyValueStore<Bytes, String>> store(String name) {
    return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(name), Serdes.Bytes(),
        StoryIds.SERDE);
  }

  @Override
  public void init(FixedKeyProcessorContext<Bytes, EventRecord> context) {
    this.context = context;
    this.firstSeen = context.getStateStore(storeName);
    context.schedule(Retention.sweepInterval(retention), PunctuationType.STREAM_TIME, this::evictBefore);
  }

  @Override
  public void process(FixedKeyRecord<Bytes, EventRecord> record) {
    EventRecord event = record.value();
    if (record.key() == null) {
      context.forward(record);
      return;
    }
    ValueAndTimestamp<String> first = firstSeen.get(record.key());
    if (first != null && first.timestamp() < record.timestamp() - retention.toMillis()) {
      first = null;
    }
    if (first == null) {
      rememberFirst(record.key(), event, record.timestamp());
      context.forward(record);
    } else if (isDuplicate(event)) {
      // already judged a copy by an earlier key: keep that verdict
      context.forward(record);
    } else {
      context.forward(record.withValue(markDuplicate(event, first.value())));
    }
  }

  private void rememberFirst(Bytes key, EventRecord event, long timestamp) {
    // a copy found by another key still points this key at the story's first event
    String firstId = isDuplicate(event) ? event.getDedup().getDuplicateOf() : event.getId();
    firstSeen.put(key, ValueAndTimestamp.make(firstId, timestamp));
  }

  private void evictBefore(long streamTime) {
    Retention.deleteOlderThan(firstSeen, streamTime - retention.toMillis());
  }

  private static boolean isDuplicate(EventRecord event) {
    return event.getDedup().getStatus() == DedupStatus.DUPLICATE;
  }

  private EventRecord markDuplicate(EventRecord event, String firstId) {
    return EventRecord.newBuilder(event)
        .setStoryId(firstId)
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.DUPLICATE).setDuplicateOf(firstId).setMethod(method)
            .setSimilarity(1.0).build())
        .build();
  }
}
