package io.mediamon.ingest;

import java.util.List;

/**
 * What one ingest pass produced.
 *
 * @param documentIds keys of the raw documents produced, in order
 * @param deadLetters inputs that failed, each sent to the dead-letter topic
 */
public record IngestReport(List<String> documentIds, List<String> deadLetters) {

  /** This report with more documents and failed inputs (the feeds a poll could not read). */
  public IngestReport with(List<String> moreDocuments, List<String> moreFailures) {
    List<String> ids = new java.util.ArrayList<>(documentIds);
    ids.addAll(moreDocuments);
    List<String> failed = new java.util.ArrayList<>(deadLetters);
    failed.addAll(moreFailures);
    return new IngestReport(List.copyOf(ids), List.copyOf(failed));
  }
}
