package io.mediamon.ingest.fetch;

import io.mediamon.ingest.IngestException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * The short reason a fetch failed, as an event's {@code fetch_error} shows it: {@code HTTP 403}, {@code timed out},
 * {@code larger than the cap of 10485760 bytes}, or the fetcher's own message.
 */
public final class FetchErrors {
  private FetchErrors() {}

  public static String reason(IngestException e) {
    if (e instanceof HttpStatusException s) {
      return "HTTP " + s.status();
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof HttpTimeoutException || t instanceof FetchDeadlineException) {
        return t.getMessage();
      }
    }
    if (e.stage().equals("ingest.size")) {
      return "too large: " + e.getMessage();
    }
    return e.getMessage();
  }
}
