package io.mediamon.ingest.poll;

import io.mediamon.common.Settings;
import io.mediamon.common.Versions;
import io.mediamon.ingest.fetch.AddressGuard;
import io.mediamon.ingest.fetch.HttpFetcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The feed poller as configured: feed list, HTTP, politeness, robots.txt and the Kafka sink. */
public final class FeedPollerApp implements io.mediamon.common.LoopService {
  private final FeedPoller poller;
  private final PollSink sink;

  public FeedPollerApp(Settings settings, Path feedList) {
    this(settings, FeedList.load(feedList, settings.duration("ingest.feeds.interval")), new KafkaPollSink(settings));
  }

  public FeedPollerApp(Settings settings, List<FeedSpec> feeds, PollSink sink) {
    this.sink = sink;
    Clock clock = Clock.systemUTC();
    HttpFetcher fetcher = new HttpFetcher(new AddressGuard(settings.flag("ingest.allow.private.addresses")),
        settings.duration("ingest.http.timeout"), settings.bytes("ingest.max.body.bytes"),
        settings.string("ingest.http.user.agent"));
    HostGate gate = new HostGate(settings.duration("ingest.feeds.host.delay"),
        settings.duration("ingest.feeds.host.max.delay"), clock);
    FeedPoller.Options options = new FeedPoller.Options(settings.integer("ingest.feeds.workers"),
        settings.duration("ingest.feeds.seen.window"), settings.integer("ingest.feeds.seen.max"),
        settings.integer("ingest.feeds.stale.intervals"), settings.duration("ingest.feeds.max.backoff"),
        io.mediamon.common.DeadLetters.payloadCap(settings),
        settings.duration("ingest.sitemap.window"));
    this.poller = new FeedPoller(feeds, fetcher, gate, new RobotsCache(fetcher, settings.string("ingest.robots.agent"),
        clock), sink, clock, options, "mediamon-poller/" + Versions.of(FeedPollerApp.class));
  }

  public FeedPoller poller() {
    return poller;
  }

  private final io.mediamon.common.ServiceThread thread = new io.mediamon.common.ServiceThread("mediamon-poller",
      this::pollForever, this::stopPolling, java.time.Duration.ofSeconds(60));

  /** Polls every feed on its interval, on its own thread, until closed. */
  @Override
  public io.mediamon.common.ServiceThread loopThread() {
    return thread;
  }

  /**
   * Stops polling (the poll in progress publishes or is abandoned whole); when {@link #start()} ran the polls, also
   * waits for them and releases the producer. A caller that polls on its own thread closes the sink itself, after its
   * poll has returned ({@link #closeSink()}).
   */
  @Override
  public void close() {
    thread.stop();
    if (thread.started()) {
      closeSink();
    }
  }

  /** Stops polling without waiting: the poll in progress publishes or is abandoned whole. */
  public void stopPolling() {
    poller.close();
  }

  private void pollForever() {
    try {
      poller.pollForever();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Releases the Kafka producer once polling has returned. */
  public void closeSink() {
    sink.close();
  }
}
