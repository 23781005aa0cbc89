package io.mediamon.ingest.fetch;

import java.io.IOException;

/** A fetch that did not finish, body included, within its deadline. */
public final class FetchDeadlineException extends IOException {
  public FetchDeadlineException(String message) {
    super(message);
  }
}
