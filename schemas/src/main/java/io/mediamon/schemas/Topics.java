package io.mediamon.schemas;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/** The catalogue: every topic of the pipeline, declared once. Nothing else spells a topic name. */
public final class Topics {
  private Topics() {}

  public static final AvroSerde<RawDocument> RAW_DOCUMENT_SERDE =
      new AvroSerde<>(RawDocument.class, RawDocument.getClassSchema());
  public static final AvroSerde<EventRecord> EVENT_SERDE =
      new AvroSerde<>(EventRecord.class, EventRecord.getClassSchema());
  public static final AvroSerde<DeadLetter> DEAD_LETTER_SERDE =
      new AvroSerde<>(DeadLetter.class, DeadLetter.getClassSchema());
  /** Serdes of enrich's internal near-duplicate records (repartition topics and stores, not catalogue topics). */
  public static final AvroSerde<NearDupProbe> NEAR_DUP_PROBE_SERDE =
      new AvroSerde<>(NearDupProbe.class, NearDupProbe.getClassSchema());
  public static final AvroSerde<NearDupVote> NEAR_DUP_VOTE_SERDE =
      new AvroSerde<>(NearDupVote.class, NearDupVote.getClassSchema());
  public static final AvroSerde<NearDupRepoint> NEAR_DUP_REPOINT_SERDE =
      new AvroSerde<>(NearDupRepoint.class, NearDupRepoint.getClassSchema());
  /** The band store holds a record per band value and document: the compact encoding saves 9 bytes on each. */
  public static final CompactAvroSerde<NearDupBand> NEAR_DUP_BAND_SERDE =
      new CompactAvroSerde<>(NearDupBand.class, NearDupBand.getClassSchema());
  public static final AvroSerde<StoryRecord> STORY_SERDE = new AvroSerde<>(StoryRecord.class, StoryRecord.getClassSchema());
  /** Enrich's stories store: one record per story of the window, so the one-byte header of the compact encoding. */
  public static final CompactAvroSerde<StoryRecord> STORY_STORE_SERDE =
      new CompactAvroSerde<>(StoryRecord.class, StoryRecord.getClassSchema());
  public static final AvroSerde<AlertRecord> ALERT_SERDE = new AvroSerde<>(AlertRecord.class, AlertRecord.getClassSchema());
  public static final AvroSerde<AlertRule> ALERT_RULE_SERDE = new AvroSerde<>(AlertRule.class, AlertRule.getClassSchema());
  public static final AvroSerde<FeedState> FEED_STATE_SERDE = new AvroSerde<>(FeedState.class, FeedState.getClassSchema());
  public static final AvroSerde<FeedHealth> FEED_HEALTH_SERDE = new AvroSerde<>(FeedHealth.class, FeedHealth.getClassSchema());
  public static final AvroSerde<PostRecord> POST_SERDE = new AvroSerde<>(PostRecord.class, PostRecord.getClassSchema());

  private static final Serde<String> KEY = Serdes.String();
  /** Raw bodies are capped by ingest (ingest.max.body.bytes, 8 MB by default); records carry some metadata more. */
  public static final int MAX_RECORD_BYTES = 10 * 1024 * 1024;

  /** What the feed poller remembers per feed (validators, seen entries); compacted, read back at start-up. */
  public static final Topic<String, FeedState> FEED_STATE =
      new Topic<>("media.feed-state", KEY, FEED_STATE_SERDE, 1, true, 4 * 1024 * 1024, "per-feed poller state, keyed by feed URL");

  /** One record per poll of a feed: status, HTTP code, entries new and seen, error, time taken, staleness. */
  public static final Topic<String, FeedHealth> FEED_HEALTH =
      new Topic<>("media.feed-health", KEY, FEED_HEALTH_SERDE, 1, false, 1024 * 1024, "feed health, one record per poll");

  /** Documents as ingested, keyed by document id. Four partitions so two enrich instances share the work. */
  public static final Topic<String, RawDocument> RAW =
      new Topic<>("media.raw", KEY, RAW_DOCUMENT_SERDE, 4, false, MAX_RECORD_BYTES, "raw documents from ingest, keyed by document id");

  /** First copies of each story, enriched and tagged, keyed by event id. */
  public static final Topic<String, EventRecord> EVENTS =
      new Topic<>("media.events", KEY, EVENT_SERDE, 4, false, MAX_RECORD_BYTES, "first copies: tagged event records, keyed by event id");

  /** Later copies of a story already seen, with dedup.duplicate_of set. */
  public static final Topic<String, EventRecord> DUPLICATES =
      new Topic<>("media.duplicates", KEY, EVENT_SERDE, 4, false, MAX_RECORD_BYTES, "later copies of a known story, keyed by event id");

  /** Anything a stage could not process, with the reason and the origin. */
  public static final Topic<String, DeadLetter> DLQ =
      new Topic<>("media.dlq", KEY, DEAD_LETTER_SERDE, 1, false, MAX_RECORD_BYTES, "dead letters from every stage, keyed by origin key");

  /** One record per social post cited by articles, keyed by platform:post_id; compacted to the latest state. */
  public static final Topic<String, PostRecord> POSTS =
      new Topic<>("media.posts", KEY, POST_SERDE, 4, true, 1024 * 1024, "linked posts and who cites them, keyed by platform:post_id");

  /** One record per story: its first copy, how many copies from how many outlets, and each copy's lag. */
  public static final Topic<String, StoryRecord> STORIES =
      new Topic<>("media.stories", KEY, STORY_SERDE, 4, true, 1024 * 1024, "stories and their copies across outlets, keyed by story_id");

  /** Saved queries that matched a story, one per rule and story, keyed by rule:story. */
  public static final Topic<String, AlertRecord> ALERTS =
      new Topic<>("media.alerts", KEY, ALERT_SERDE, 1, false, 1024 * 1024, "newsroom alerts: a saved query matched a story");

  /** Saved queries edited live, keyed by rule id; compacted, so the topic is the current table of rules. */
  public static final Topic<String, AlertRule> ALERT_RULES =
      new Topic<>("media.alert-rules", KEY, ALERT_RULE_SERDE, 1, true, 1024 * 1024, "saved queries edited live, keyed by rule id");

  /**
   * Internal to enrich, and the one topic it both writes and reads: band members to re-point at the story their
   * document was judged part of, keyed by band key. Enrich's band stage reads it together with its band probes,
   * so it has the same number of partitions as that repartition topic (and a band key lands on the same task).
   */
  public static final Topic<Bytes, NearDupRepoint> NEAR_DUP_REPOINTS =
      new Topic<>("media.near-dup-repoints", Serdes.Bytes(), NEAR_DUP_REPOINT_SERDE, RAW.partitions(), false, 1024 * 1024,
          "internal to enrich: near-duplicate band members re-pointed at their story, keyed by band key");

  /** Every topic, in pipeline order; the admin creates them all at start-up. */
  public static final List<Topic<?, ?>> ALL = List.of(FEED_STATE, FEED_HEALTH, RAW, EVENTS, DUPLICATES, DLQ, POSTS, STORIES,
      ALERT_RULES, ALERTS, NEAR_DUP_REPOINTS);
}
