package io.mediamon.ingest.poll;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Politeness per host, not per feed: at most one request in flight to a host, and after each one the host rests for
 * the longest of the configured delay, its robots.txt crawl-delay and any back-off a 429 or 503 asked for. A host
 * is scheme, name and port, so two ports of one address are two hosts (as browsers see origins).
 */
public final class HostGate {
  private final Duration minDelay;
  private final Duration maxDelay;
  private final Clock clock;
  private final Map<String, Host> hosts = new HashMap<>();

  private static final class Host {
    boolean busy;
    Instant nextAllowed = Instant.EPOCH;
    Duration crawlDelay = Duration.ZERO;
  }

  public HostGate(Duration minDelay, Duration maxDelay, Clock clock) {
    this.minDelay = minDelay;
    this.maxDelay = maxDelay;
    this.clock = clock;
  }

  public static String hostOf(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort() != -1 ? url.getPort() : "https".equals(scheme) ? 443 : 80;
    return scheme + "://" + (url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
  }

  /** Takes the host if it is free and rested; otherwise says when to try again. */
  public synchronized Optional<Instant> tryAcquire(String host) {
    Host h = hosts.computeIfAbsent(host, k -> new Host());
    Instant now = clock.instant();
    if (h.busy) {
      return Optional.of(now.plus(minDelay.isZero() ? Duration.ofMillis(10) : minDelay));
    }
    if (now.isBefore(h.nextAllowed)) {
      return Optional.of(h.nextAllowed);
    }
    h.busy = true;
    return Optional.empty();
  }

  /** Waits until the host is free and rested, then takes it. */
  public synchronized void acquire(String host) throws InterruptedException {
    while (true) {
      Optional<Instant> retry = tryAcquire(host);
      if (retry.isEmpty()) {
        return;
      }
      long millis = Math.max(1, Duration.between(clock.instant(), retry.get()).toMillis());
      wait(millis);
    }
  }

  /**
   * Gives the host back after a request; it rests for the delay, or for {@code backOff} when the server asked for
   * more (capped at the maximum delay).
   */
  public synchronized void release(String host, Duration backOff) {
    Host h = hosts.computeIfAbsent(host, k -> new Host());
    h.busy = false;
    h.nextAllowed = clock.instant().plus(rest(h, backOff));
    notifyAll();
  }

  /** The longest of the delay, the crawl-delay and the back-off asked for, within the maximum. */
  private Duration rest(Host h, Duration backOff) {
    Duration rest = minDelay;
    if (h.crawlDelay.compareTo(rest) > 0) {
      rest = h.crawlDelay;
    }
    if (backOff != null && backOff.compareTo(rest) > 0) {
      rest = backOff;
    }
    return rest.compareTo(maxDelay) > 0 ? maxDelay : rest;
  }

  /** The crawl-delay robots.txt asks of us on this host. */
  public synchronized void crawlDelay(String host, Duration delay) {
    hosts.computeIfAbsent(host, k -> new Host()).crawlDelay = delay;
  }

  /** The wait between two requests to one host, while it is held: same rule as between two holders. */
  public synchronized Duration restFor(String host) {
    return rest(hosts.computeIfAbsent(host, k -> new Host()), null);
  }
}
