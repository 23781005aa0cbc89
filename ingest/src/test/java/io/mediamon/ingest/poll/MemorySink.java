package io.mediamon.ingest.poll;

import io.mediamon.schemas.FeedState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The poller's output kept in memory: the unit tests' stand-in for the Kafka transaction (see FeedPollerIT). */
public final class MemorySink implements PollSink {
  public final Map<String, FeedState> states = new ConcurrentHashMap<>();
  public final List<PollResult> results = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, FeedState> loadStates() {
    return Map.copyOf(states);
  }

  @Override
  public void publish(PollResult result) {
    results.add(result);
    states.put(result.feed().key(), result.state());
  }

  @Override
  public void close() {}
}
