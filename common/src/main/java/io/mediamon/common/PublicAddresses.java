package io.mediamon.common;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether mediamon may contact a URL: http(s) only, and, unless a switch allows it, only hosts whose every address is
 * public (not loopback, private, carrier-grade NAT, link-local, cloud metadata, multicast, unspecified or IPv6
 * unique-local). Pages and feeds (ingest) and outgoing webhooks (alerts) each have their own switch, so a demo that
 * reads local pages does not also let a rule POST to the metadata service.
 */
public final class PublicAddresses {
  private PublicAddresses() {}

  /**
   * Why {@code uri} may not be contacted, or empty when it may.
   *
   * @param allowPrivate the switch that lets non-public addresses through
   * @param switchKey the configuration key of that switch, named in the reason
   * @param shown how the URL may appear in the reason (a webhook's is a credential)
   */
  public static Optional<String> refusal(URI uri, boolean allowPrivate, String switchKey, String shown) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("refused " + shown + ": only http and https are fetched");
    }
    if (uri.getHost() == null) {
      return Optional.of("refused " + shown + ": no host");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
        if (isNonPublic(address)) {
          return Optional.of("refused " + shown + ": " + uri.getHost() + " resolves to non-public "
              + address.getHostAddress() + " (set " + switchKey + "=true for local tests)");
        }
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of("cannot resolve " + uri.getHost());
    }
  }

  /** Loopback, private, carrier-grade NAT, link-local (cloud metadata), multicast, unspecified or unique-local. */
  public static boolean isNonPublic(InetAddress a) {
    byte[] b = a.getAddress();
    boolean metadata = b.length == 4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254;
    boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    boolean zeroNetwork = b.length == 4 && b[0] == 0;
    boolean uniqueLocal6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
    return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
        || a.isAnyLocalAddress() || metadata || carrierNat || zeroNetwork || uniqueLocal6;
  }
}
