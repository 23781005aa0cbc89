package io.mediamon.enrich;

import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.EventRecord;

/** What enriching one raw record gave: an event, or a dead letter saying why not. */
record Outcome(EventRecord event, DeadLetter deadLetter) {
  static Outcome of(EventRecord event) {
    return new Outcome(event, null);
  }

  static Outcome failed(DeadLetter deadLetter) {
    return new Outcome(null, deadLetter);
  }

  boolean isFailure() {
    return deadLetter != null;
  }
}
