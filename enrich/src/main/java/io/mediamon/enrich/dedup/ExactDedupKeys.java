package io.mediamon.enrich.dedup;

import io.mediamon.schemas.EventRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The keys exact dedup stores by: 8 bytes of hash, not the text hash in hex or the whole URL, since every document
 * of the window leaves one key in each store. A document without the thing hashed is keyed by its own id (prefixed,
 * so it meets a hash no more often than two hashes meet), and then only a re-delivery of it matches.
 */
public final class ExactDedupKeys {
  private ExactDedupKeys() {}

  /** Hash of the normalised text, or the event id when the text is too short to fingerprint. */
  public static Bytes text(EventRecord event) {
    byte[] hash = TextFingerprint.of(event.getText());
    return hash != null ? Bytes.wrap(hash) : ownId(event);
  }

  /** Hash of the canonical URL, or the event id for documents that are not on the web (local files). */
  public static Bytes url(EventRecord event) {
    String url = event.getCanonicalUrl();
    return url != null ? Bytes.wrap(TextFingerprint.sha256Prefix(url)) : ownId(event);
  }

  private static Bytes ownId(EventRecord event) {
    return Bytes.wrap(("id:" + event.getId()).getBytes(StandardCharsets.UTF_8));
  }
}
