package io.mediamon.ingest;

import java.util.List;

/**
 * What one ingest pass produced.
 *
 * @param documentIds keys of the raw documents produced, in order
 * @param deadLetters inputs that failed, each sent to the dead-letter topic
 */
public record IngestReport(List<String> documentIds, List<String> deadLetters) {}
