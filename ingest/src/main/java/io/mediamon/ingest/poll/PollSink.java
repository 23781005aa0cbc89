package io.mediamon.ingest.poll;

import io.mediamon.schemas.FeedState;
import java.util.Map;

/** Where the poller keeps its state and sends what it found. */
public interface PollSink extends AutoCloseable {
  /** Every feed's last published state, by normalised URL. */
  Map<String, FeedState> loadStates();

  /** Publishes one poll's result, all of it or nothing. */
  void publish(PollResult result);

  @Override
  void close();
}
