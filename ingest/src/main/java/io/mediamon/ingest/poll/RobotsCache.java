package io.mediamon.ingest.poll;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.mediamon.ingest.IngestException;
import io.mediamon.ingest.fetch.Fetched;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.ingest.fetch.HttpStatusException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * robots.txt per host, parsed by crawler-commons and kept for a day. A missing robots.txt (4xx) allows everything;
 * a server error or an unreachable host disallows for now (as Google does), and is asked again next time.
 */
public final class RobotsCache {
  private static final Logger LOG = LoggerFactory.getLogger(RobotsCache.class);
  private static final Duration TTL = Duration.ofHours(24);
  private final HttpFetcher fetcher;
  private final String agent;
  private final Clock clock;
  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(BaseRobotRules rules, Instant expires) {}

  /** @param agent the robots.txt user-agent token we answer to, e.g. {@code mediamon} */
  public RobotsCache(HttpFetcher fetcher, String agent, Clock clock) {
    this.fetcher = fetcher;
    this.agent = agent;
    this.clock = clock;
  }

  /** Whether the host's rules are known and fresh: otherwise {@link #rules} makes a request. */
  public boolean known(String host) {
    Entry e = cache.get(host);
    return e != null && clock.instant().isBefore(e.expires());
  }

  /** The host's rules, fetched if not known; call while holding the host in the {@link HostGate}. */
  public BaseRobotRules rules(URI url) throws InterruptedException {
    String host = HostGate.hostOf(url);
    Entry e = cache.get(host);
    if (e != null && clock.instant().isBefore(e.expires())) {
      return e.rules();
    }
    URI robots = url.resolve("/robots.txt");
    BaseRobotRules rules;
    Duration ttl = TTL;
    try {
      Fetched fetched = fetcher.get(robots);
      rules = parser.parseContent(robots.toString(), fetched.body(), fetched.contentType(), List.of(agent));
    } catch (HttpStatusException ex) {
      rules = parser.failedFetch(ex.status());
      ttl = ex.status() >= 500 ? Duration.ofMinutes(10) : TTL;
    } catch (IngestException ex) {
      LOG.debug("robots.txt of {} unreadable: {}", host, ex.getMessage());
      rules = parser.failedFetch(500);
      ttl = Duration.ofMinutes(10);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
    cache.put(host, new Entry(rules, clock.instant().plus(ttl)));
    return rules;
  }
}
