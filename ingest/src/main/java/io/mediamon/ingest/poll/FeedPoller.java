package io.mediamon.ingest.poll;

import crawlercommons.robots.BaseRobotRules;
import io.mediamon.common.Redaction;
import io.mediamon.common.DeadLetters;
import io.mediamon.ingest.IngestException;
import io.mediamon.ingest.feed.FeedParser;
import io.mediamon.ingest.feed.NewsSitemapReader;
import io.mediamon.ingest.fetch.FetchErrors;
import io.mediamon.ingest.fetch.Fetched;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.ingest.fetch.HttpStatusException;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.FeedHealth;
import io.mediamon.schemas.FeedState;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.SeenEntry;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds on their intervals, politely: a scheduler hands each due feed to a worker only when its host is free
 * and rested ({@link HostGate}); otherwise the feed waits for the host, so one busy host never holds up the others.
 * A worker checks robots.txt, makes a conditional GET with the feed's validators, keeps the entries it has not
 * produced before (by document id, across restarts through the state), fetches article pages for summary-only
 * entries (one host at a time, same politeness; an entry whose page fails goes on with the reason), and publishes
 * documents, health and new state together.
 */
public final class FeedPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  private final Map<String, FeedSpec> feeds = new HashMap<>();
  private final HttpFetcher fetcher;
  private final FeedParser parser = new FeedParser();
  private final NewsSitemapReader sitemaps = new NewsSitemapReader();
  private final HostGate gate;
  private final RobotsCache robots;
  private final PollSink sink;
  private final Clock clock;
  private final Options options;
  private final String component;
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparing(Due::at));
  private final ExecutorService workers;
  private final AtomicLong polls = new AtomicLong();
  private int inFlight;
  private volatile boolean running = true;

  /** Tuning of the poller. */
  public record Options(int workers, Duration seenWindow, int seenCap, int staleIntervals, Duration maxBackOff,
      int dlqPayloadBytes, Duration sitemapWindow) {}

  /** An index's child sitemaps fetched per poll, at most. */
  private static final int MAX_CHILD_SITEMAPS = 50;

  private record Due(String feed, Instant at) {}

  public FeedPoller(List<FeedSpec> feeds, HttpFetcher fetcher, HostGate gate, RobotsCache robots, PollSink sink,
      Clock clock, Options options, String component) {
    feeds.forEach(f -> this.feeds.putIfAbsent(f.key(), f));
    this.fetcher = fetcher;
    this.gate = gate;
    this.robots = robots;
    this.sink = sink;
    this.clock = clock;
    this.options = options;
    this.component = component;
    this.workers = Executors.newFixedThreadPool(options.workers(), r -> {
      Thread t = new Thread(r, "mediamon-poller");
      t.setDaemon(true);
      return t;
    });
  }

  /** Polls every feed once (politely), then returns. */
  public void pollOnce() throws InterruptedException {
    run(true);
  }

  /** Polls on the feeds' intervals until {@link #close()}. */
  public void pollForever() throws InterruptedException {
    run(false);
  }

  public long polls() {
    return polls.get();
  }

  private void run(boolean once) throws InterruptedException {
    states.putAll(sink.loadStates());
    Instant now = clock.instant();
    synchronized (this) {
      for (FeedSpec f : feeds.values()) {
        FeedState s = states.get(f.key());
        Instant due = once || s == null || s.getLastPolledAt() == null ? now : s.getLastPolledAt().plus(f.interval());
        queue.add(new Due(f.key(), due));
      }
    }
    LOG.info("polling {} feeds on {} hosts", feeds.size(),
        feeds.values().stream().map(f -> HostGate.hostOf(f.url())).distinct().count());
    try {
      schedule(once);
    } finally {
      workers.shutdown();
      workers.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  private synchronized void schedule(boolean once) throws InterruptedException {
    while (running) {
      Due next = queue.peek();
      Instant now = clock.instant();
      if (next == null) {
        if (once && inFlight == 0) {
          return;
        }
        wait(1000);
        continue;
      }
      if (next.at().isAfter(now)) {
        wait(Math.max(1, Duration.between(now, next.at()).toMillis()));
        continue;
      }
      queue.poll();
      FeedSpec feed = feeds.get(next.feed());
      String host = HostGate.hostOf(feed.url());
      var busyUntil = gate.tryAcquire(host);
      if (busyUntil.isPresent()) {
        queue.add(new Due(next.feed(), busyUntil.get()));
        continue;
      }
      inFlight++;
      workers.submit(() -> {
        Instant nextPoll = null;
        try {
          nextPoll = poll(feed, host);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          LOG.error("poll of {} failed", feed.url(), e);
          nextPoll = clock.instant().plus(feed.interval());
        } finally {
          synchronized (FeedPoller.this) {
            inFlight--;
            if (!once && nextPoll != null) {
              queue.add(new Due(feed.key(), nextPoll));
            }
            FeedPoller.this.notifyAll();
          }
        }
      });
    }
  }

  /** One poll of one feed, the feed's host held by the caller; returns when to poll it next. */
  private Instant poll(FeedSpec feed, String host) throws InterruptedException {
    Instant started = clock.instant();
    FeedState previous = states.getOrDefault(feed.key(), FeedState.newBuilder().setFeedUrl(feed.key()).build());
    FeedHealth.Builder health = FeedHealth.newBuilder().setFeedUrl(feed.key()).setPolledAt(started);
    List<DeadLetter> deadLetters = new ArrayList<>();
    List<RawDocument> entries = List.of();
    Fetched fetched = null;
    Duration backOff = null;
    try {
      if (!robotsAllow(feed.url(), host)) {
        health.setStatus("DISALLOWED").setErrorMessage(Redaction.text("robots.txt of " + host + " disallows " + feed.url()));
      } else {
        fetched = fetcher.get(feed.url(), new HttpFetcher.Validators(previous.getEtag(), previous.getLastModified()));
        health.setHttpStatus(fetched.status());
        if (fetched.notModified()) {
          health.setStatus("NOT_MODIFIED");
        } else {
          FeedParser.ParsedFeed parsed = feed.type() == FeedSpec.SourceType.SITEMAP
              ? new FeedParser.ParsedFeed(sitemapEntries(feed, host, fetched, started, deadLetters), null, null)
              : parser.parseFeed(fetched.body(), feed.key(), fetched.contentType(), started);
          entries = parsed.documents();
          health.setStatus("OK");
          if (parsed.problem() != null) {
            // the entries a lenient reading kept go on; the feed's fault is on its health and in the dead letters
            health.setErrorClass("MalformedFeed").setErrorMessage(Redaction.text(parsed.problem().getMessage()));
            deadLetters.add(DeadLetters.of(feed.key(), -1, -1, feed.key(), parsed.problem().stage(), parsed.problem(),
                parsed.remainder() != null ? parsed.remainder() : fetched.body(), options.dlqPayloadBytes(), component));
          }
        }
      }
    } catch (HttpStatusException e) {
      health.setHttpStatus(e.status()).setStatus(e.backOff() ? "BACKED_OFF" : "ERROR")
          .setErrorClass(e.getClass().getSimpleName()).setErrorMessage(Redaction.text(e.getMessage()));
      if (e.backOff()) {
        backOff = e.retryAfter().orElse(Duration.ofMinutes(1));
      }
    } catch (IngestException e) {
      health.setStatus("ERROR").setErrorClass(e.getClass().getSimpleName()).setErrorMessage(Redaction.text(e.getMessage()));
      if (e.stage().equals("ingest.parse-feed") || e.stage().equals("ingest.parse-sitemap")
          || e.stage().equals("ingest.size")) {
        byte[] body = fetched == null ? null : fetched.body();
        deadLetters.add(DeadLetters.of(feed.key(), -1, -1, feed.key(), e.stage(), e, body, options.dlqPayloadBytes(),
            component));
      }
    } finally {
      gate.release(host, backOff);
    }

    Set<String> seen = new HashSet<>();
    previous.getSeen().forEach(s -> seen.add(s.getKey()));
    List<RawDocument> fresh = new ArrayList<>();
    Set<String> thisPoll = new HashSet<>();
    for (RawDocument doc : entries) {
      if (!seen.contains(doc.getId()) && thisPoll.add(doc.getId())) {
        fresh.add(decorate(feed, doc));
      }
    }
    int articles = 0;
    int articlesFailed = 0;
    for (int i = 0; i < fresh.size() && running; i++) {
      RawDocument doc = fresh.get(i);
      if (wantsArticle(feed, doc)) {
        RawDocument page = fetchArticle(doc);
        fresh.set(i, page);
        if (page.getFetchError() == null) {
          articles++;
        } else {
          articlesFailed++;
        }
      }
    }
    Instant now = clock.instant();
    boolean failed = "ERROR".equals(health.getStatus()) || "BACKED_OFF".equals(health.getStatus());
    int failures = failed ? previous.getConsecutiveFailures() + 1 : 0;
    Instant lastNew = !fresh.isEmpty() || previous.getLastNewEntryAt() == null ? started : previous.getLastNewEntryAt();
    boolean stale = lastNew.plus(feed.interval().multipliedBy(options.staleIntervals())).isBefore(now);
    Instant next = nextPoll(feed, now, failures, backOff);
    health.setEntriesTotal(entries.size()).setEntriesNew(fresh.size()).setEntriesSeen(entries.size() - fresh.size())
        .setArticlesFetched(articles).setArticlesFailed(articlesFailed).setDurationMs(Duration.between(started, now).toMillis())
        .setConsecutiveFailures(failures).setStale(stale).setNextPollAt(next);
    FeedState state = FeedState.newBuilder(previous)
        .setLastPolledAt(started)
        .setLastStatus(health.getHttpStatus())
        .setLastError(failed ? health.getErrorMessage() : null)
        .setLastSuccessAt(failed ? previous.getLastSuccessAt() : now)
        .setLastNewEntryAt(lastNew)
        .setConsecutiveFailures(failures)
        .setEtag(fetched != null && !fetched.notModified() ? fetched.etag() : previous.getEtag())
        .setLastModified(fetched != null && !fetched.notModified() ? fetched.lastModified() : previous.getLastModified())
        .setSeen(remember(previous.getSeen(), fresh, now))
        .build();
    FeedHealth record = health.build();
    sink.publish(new PollResult(feed, fresh, deadLetters, record, state));
    states.put(feed.key(), state);
    polls.incrementAndGet();
    String line = feed.url() + " " + record.getStatus() + ": " + entries.size() + " entries, " + fresh.size() + " new"
        + (stale ? ", stale" : "") + (record.getErrorMessage() != null ? " (" + record.getErrorMessage() + ")" : "");
    if (failed) {
      LOG.warn(line);
    } else {
      LOG.info(line);
    }
    return next;
  }

  /**
   * The entries of a sitemap published within the window; an index's child sitemaps (those modified within the
   * window, at most {@value #MAX_CHILD_SITEMAPS}) are fetched in turn on the same host rules, and one that fails is a
   * dead letter while the others go on. Call holding the sitemap's host.
   */
  private List<RawDocument> sitemapEntries(FeedSpec feed, String host, Fetched fetched, Instant now,
      List<DeadLetter> deadLetters) throws IngestException, InterruptedException {
    Instant since = NewsSitemapReader.since(now, options.sitemapWindow());
    NewsSitemapReader.Sitemap top = sitemaps.read(fetched.body(), feed.key(), fetched.contentType(), now, since);
    List<RawDocument> documents = new ArrayList<>(top.documents());
    List<NewsSitemapReader.Child> children = top.children();
    for (int i = 0; i < Math.min(children.size(), MAX_CHILD_SITEMAPS) && running; i++) {
      URI child = children.get(i).url();
      String childHost = HostGate.hostOf(child);
      try {
        if (!childHost.equals(host)) {
          gate.acquire(childHost);
        } else {
          Thread.sleep(gate.restFor(host).toMillis());
        }
        try {
          if (robotsAllow(child, childHost)) {
            Fetched page = fetcher.get(child);
            documents.addAll(sitemaps.read(page.body(), child.toString(), page.contentType(), now, since).documents());
          }
        } finally {
          if (!childHost.equals(host)) {
            gate.release(childHost, null);
          }
        }
      } catch (IngestException e) {
        deadLetters.add(DeadLetters.of(child.toString(), -1, -1, feed.key(), e.stage(), e, null,
            options.dlqPayloadBytes(), component));
      }
    }
    // the same article in two child sitemaps is one entry
    Map<String, RawDocument> unique = new java.util.LinkedHashMap<>();
    documents.forEach(d -> unique.putIfAbsent(d.getUrl(), d));
    // entries keep the sitemap they were listed in as their feed, but are remembered under the listed sitemap
    List<RawDocument> result = new ArrayList<>();
    for (RawDocument d : unique.values()) {
      result.add(RawDocument.newBuilder(d).setId(io.mediamon.ingest.DocumentIds.of("feed-entry", feed.key(), d.getUrl()))
          .build());
    }
    return result;
  }

  private Instant nextPoll(FeedSpec feed, Instant now, int failures, Duration backOff) {
    Duration wait = feed.interval().multipliedBy(1L << Math.min(failures, 4));
    if (backOff != null && backOff.compareTo(wait) > 0) {
      wait = backOff;
    }
    return now.plus(wait.compareTo(options.maxBackOff()) > 0 && failures > 0 ? options.maxBackOff() : wait);
  }

  /** The seen entries to keep: those within the window, newest first, at most the cap. */
  private List<SeenEntry> remember(List<SeenEntry> before, List<RawDocument> fresh, Instant now) {
    List<SeenEntry> all = new ArrayList<>();
    for (RawDocument d : fresh) {
      all.add(SeenEntry.newBuilder().setKey(d.getId()).setFirstSeenAt(now).build());
    }
    Instant horizon = now.minus(options.seenWindow());
    for (SeenEntry s : before) {
      if (s.getFirstSeenAt().isAfter(horizon)) {
        all.add(s);
      }
    }
    return all.size() > options.seenCap() ? new ArrayList<>(all.subList(0, options.seenCap())) : all;
  }

  /** The feed's settings on the document: its kind, its tags as attributes, its outlet as the site name. */
  private static RawDocument decorate(FeedSpec feed, RawDocument doc) {
    RawDocument.Builder b = RawDocument.newBuilder(doc).setKind(feed.kind());
    Map<String, String> attributes = new HashMap<>();
    doc.getAttributes().forEach((k, v) -> attributes.put(k.toString(), v.toString()));
    feed.tags().forEach((k, v) -> attributes.put("feed.tag." + k, v));
    b.setAttributes(attributes);
    if (feed.tags().containsKey("outlet")) {
      b.getOrigin().setSiteName(feed.tags().get("outlet"));
    }
    return b.build();
  }

  private static boolean wantsArticle(FeedSpec feed, RawDocument doc) {
    if (doc.getUrl() == null || feed.articles() == FeedSpec.ArticleMode.NEVER) {
      return false;
    }
    return feed.articles() == FeedSpec.ArticleMode.ALWAYS || !"full".equals(String.valueOf(doc.getAttributes().get("feed.content")));
  }

  /**
   * Whether robots.txt lets us fetch {@code url}, its crawl-delay passed to the gate; call holding the host. A
   * robots.txt request counts against the host's pace, so the next request waits its rest.
   */
  private boolean robotsAllow(URI url, String host) throws InterruptedException {
    if (!robots.known(host)) {
      robots.rules(url);
      Thread.sleep(gate.restFor(host).toMillis());
    }
    BaseRobotRules rules = robots.rules(url);
    if (rules.getCrawlDelay() > 0) {
      gate.crawlDelay(host, Duration.ofMillis(rules.getCrawlDelay()));
    }
    return rules.isAllowed(url.toString());
  }

  /**
   * The entry with its article page as body, or, when the page cannot be had, the entry as it was with the reason in
   * {@code fetch_error}: enrich then builds the event from the entry's own content, summary or title, so a 403, a
   * paywall, robots.txt or a time-out never loses the story.
   */
  private RawDocument fetchArticle(RawDocument doc) throws InterruptedException {
    URI url;
    try {
      url = URI.create(doc.getUrl());
    } catch (IllegalArgumentException e) {
      return withFetchError(doc, "not a URL: " + doc.getUrl());
    }
    String host = HostGate.hostOf(url);
    gate.acquire(host);
    Duration backOff = null;
    try {
      if (!robotsAllow(url, host)) {
        return withFetchError(doc, "robots.txt disallows");
      }
      Fetched page = fetcher.get(url);
      return RawDocument.newBuilder(doc)
          .setUrl(Redaction.url(page.finalUri().toString()))
          .setCanonicalUrl(Redaction.url(Fetched.canonicalUrl(page.head())))
          .setContentType(page.mediaType() != null ? page.mediaType() : "text/html")
          .setCharset(page.charset())
          .setHttpStatus(page.status())
          .setBody(ByteBuffer.wrap(page.body()))
          .build();
    } catch (IngestException e) {
      if (e instanceof HttpStatusException s && s.backOff()) {
        backOff = s.retryAfter().orElse(Duration.ofMinutes(1));
      }
      LOG.debug("article page of {} not fetched ({}): the entry goes on with the feed's text", doc.getUrl(),
          e.getMessage());
      return withFetchError(doc, FetchErrors.reason(e));
    } finally {
      gate.release(host, backOff);
    }
  }

  private static RawDocument withFetchError(RawDocument doc, String reason) {
    return RawDocument.newBuilder(doc).setFetchError(reason).build();
  }

  @Override
  public void close() {
    running = false;
    synchronized (this) {
      notifyAll();
    }
  }
}
