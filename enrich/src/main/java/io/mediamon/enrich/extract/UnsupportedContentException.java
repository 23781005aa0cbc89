package io.mediamon.enrich.extract;

/** The document is not something extraction can read (binary, empty); it goes to the dead-letter topic. */
public final class UnsupportedContentException extends RuntimeException {
  public UnsupportedContentException(String message) {
    super(message);
  }
}
