package io.mediamon.ingest.fetch;

import io.mediamon.common.PublicAddresses;
import io.mediamon.ingest.IngestException;
import java.net.URI;
import java.util.Optional;

/**
 * Refuses fetch targets that are not public web servers ({@link PublicAddresses}) unless
 * {@code ingest.allow.private.addresses} is set. Checked on every hop of a redirect chain.
 */
public final class AddressGuard {
  private final boolean allowPrivate;

  public AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public void check(URI uri) throws IngestException {
    Optional<String> refusal = PublicAddresses.refusal(uri, allowPrivate, "ingest.allow.private.addresses",
        uri.toString());
    if (refusal.isPresent()) {
      throw new IngestException("ingest.fetch", refusal.get());
    }
  }
}
