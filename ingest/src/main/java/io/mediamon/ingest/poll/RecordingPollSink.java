package io.mediamon.ingest.poll;

import io.mediamon.schemas.FeedState;
import io.mediamon.schemas.RawDocument;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that passes everything on and remembers the ids of the documents it published: what `run --once` waits for. */
public final class RecordingPollSink implements PollSink {
  private final PollSink inner;
  private final List<String> documentIds = new CopyOnWriteArrayList<>();
  private final List<String> failedFeeds = new CopyOnWriteArrayList<>();

  public RecordingPollSink(PollSink inner) {
    this.inner = inner;
  }

  @Override
  public Map<String, FeedState> loadStates() {
    return inner.loadStates();
  }

  @Override
  public void publish(PollResult result) {
    inner.publish(result);
    result.documents().stream().map(RawDocument::getId).forEach(documentIds::add);
    if (result.health().getConsecutiveFailures() > 0) {
      failedFeeds.add(result.feed().key());
    }
  }

  public List<String> documentIds() {
    return List.copyOf(documentIds);
  }

  public List<String> failedFeeds() {
    return List.copyOf(failedFeeds);
  }

  @Override
  public void close() {
    inner.close();
  }
}
