package io.mediamon.enrich.dedup;

import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Exact dedup on one kind of key (canonical URL, text hash): the records arrive keyed by that dedup key, so every
 * copy of a document lands on the same task and store, whatever instance ingested it. The store maps a dedup key
 * to the id of the first event that had it.
 */
public final class ExactDedupProcessor implements FixedKeyProcessor<String, EventRecord, EventRecord> {
  private final String storeName;
  private final String method;
  private KeyValueStore<String, String> firstSeen;
  private FixedKeyProcessorContext<String, EventRecord> context;

  /**
   * @param storeName the store of dedup key to first event id
   * @param method what the key is, recorded on a duplicate's verdict ({@code canonical_url}, {@code text_hash})
   */
  public ExactDedupProcessor(String storeName, String method) {
    this.storeName = storeName;
    this.method = method;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EventRecord> context) {
    this.context = context;
    this.firstSeen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, EventRecord> record) {
    EventRecord event = record.value();
    if (record.key() == null) {
      context.forward(record);
      return;
    }
    String first = firstSeen.get(record.key());
    if (first == null) {
      rememberFirst(record.key(), event);
      context.forward(record);
    } else if (isDuplicate(event)) {
      // already judged a copy by an earlier key: keep that verdict
      context.forward(record);
    } else {
      context.forward(record.withValue(markDuplicate(event, first)));
    }
  }

  private void rememberFirst(String key, EventRecord event) {
    // a copy found by another key still points this key at the story's first event
    firstSeen.put(key, isDuplicate(event) ? event.getDedup().getDuplicateOf() : event.getId());
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
