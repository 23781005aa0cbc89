package io.mediamon.ingest.fetch;

import io.mediamon.ingest.IngestException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Refuses fetch targets that are not public web servers: non-http(s) schemes and, unless allowed, hosts resolving
 * to loopback, private, link-local, multicast, unspecified or cloud-metadata addresses. Checked on every hop of a
 * redirect chain.
 */
public final class AddressGuard {
  private final boolean allowPrivate;

  public AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public void check(URI uri) throws IngestException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IngestException("ingest.fetch", "refused " + uri + ": only http and https are fetched");
    }
    if (uri.getHost() == null) {
      throw new IngestException("ingest.fetch", "refused " + uri + ": no host");
    }
    if (allowPrivate) {
      return;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
        if (isNonPublic(address)) {
          throw new IngestException("ingest.fetch", "refused " + uri + ": " + uri.getHost() + " resolves to non-public "
              + address.getHostAddress() + " (set ingest.allow.private.addresses=true for local tests)");
        }
      }
    } catch (UnknownHostException e) {
      throw new IngestException("ingest.fetch", "cannot resolve " + uri.getHost(), e);
    }
  }

  static boolean isNonPublic(InetAddress a) {
    byte[] b = a.getAddress();
    boolean metadata = b.length == 4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254;
    boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    boolean uniqueLocal6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
    return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
        || a.isAnyLocalAddress() || metadata || carrierNat || uniqueLocal6;
  }
}
