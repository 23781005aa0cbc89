package io.mediamon.enrich;

import io.mediamon.enrich.dedup.Retention;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.StoryRecord;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Story clusters: each judged event, keyed by story id, is folded into its story ({@link StoryCopies}) and the
 * story goes on to media.stories. A story is forgotten once it has had no copy for the dedup retention window:
 * by then no dedup store holds any of its copies, so no later copy can join it, and the compacted media.stories
 * topic keeps its last record. Without this the store would grow with all history.
 */
final class StoryAggregator implements Processor<String, EventRecord, String, StoryRecord> {
  private final String storeName;
  private final Duration retention;
  private TimestampedKeyValueStore<String, StoryRecord> stories;
  private ProcessorContext<String, StoryRecord> context;

  StoryAggregator(String storeName, Duration retention) {
    this.storeName = storeName;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, StoryRecord> context) {
    this.context = context;
    this.stories = context.getStateStore(storeName);
    context.schedule(Retention.sweepInterval(retention), PunctuationType.STREAM_TIME, this::forgetIdleBefore);
  }

  @Override
  public void process(Record<String, EventRecord> record) {
    ValueAndTimestamp<StoryRecord> known = stories.get(record.key());
    StoryRecord story = StoryCopies.add(record.key(), record.value(), known == null ? StoryCopies.empty() : known.value());
    // stamped with its latest copy: the story stays while any copy is still in the dedup stores
    long latest = known == null ? record.timestamp() : Math.max(known.timestamp(), record.timestamp());
    stories.put(record.key(), ValueAndTimestamp.make(story, latest));
    context.forward(record.withValue(story).withTimestamp(latest));
  }

  private void forgetIdleBefore(long streamTime) {
    Retention.deleteOlderThan(stories, streamTime - retention.toMillis());
  }
}
