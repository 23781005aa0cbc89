package io.mediamon.ingest.fetch;

import io.mediamon.ingest.IngestException;
import java.time.Duration;
import java.util.Optional;

/** A response with an error status; for 429 and 503, how long the server asked to be left alone. */
public final class HttpStatusException extends IngestException {
  private final int status;
  private final transient Duration retryAfter;

  public HttpStatusException(String message, int status, Duration retryAfter) {
    super("ingest.fetch", message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** The server asks us to slow down: 429 Too Many Requests or 503 Service Unavailable. */
  public boolean backOff() {
    return status == 429 || status == 503;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
