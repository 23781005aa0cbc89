package io.mediamon.ingest;

/** An input that cannot become raw documents: unreadable, malformed, too large, refused. The message says why. */
public class IngestException extends Exception {
  private final String stage;

  public IngestException(String stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
  }

  public IngestException(String stage, String message) {
    this(stage, message, null);
  }

  /** Which step failed: ingest.read, ingest.fetch, ingest.parse-feed, ingest.size. */
  public String stage() {
    return stage;
  }
}
