package io.mediamon.ingest.poll;

import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.FeedHealth;
import io.mediamon.schemas.FeedState;
import io.mediamon.schemas.RawDocument;
import java.util.List;

/** What one poll of one feed produced; published atomically (documents, dead letters, health and new state). */
public record PollResult(FeedSpec feed, List<RawDocument> documents, List<DeadLetter> deadLetters, FeedHealth health,
    FeedState state) {}
