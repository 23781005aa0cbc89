package io.mediamon.sink.alert;

/** A saved query that does not parse; the message gives the position (1-based) and what was expected. */
public final class QueryException extends RuntimeException {
  private final int position;

  public QueryException(String query, int position, String problem) {
    super("query error at position " + (position + 1) + ": " + problem + " in «" + query + "»");
    this.position = position;
  }

  /** 0-based character position of the error. */
  public int position() {
    return position;
  }
}
