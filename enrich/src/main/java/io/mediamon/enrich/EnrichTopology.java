package io.mediamon.enrich;

import io.mediamon.enrich.dedup.DedupSettings;
import io.mediamon.enrich.dedup.ExactDedupKeys;
import io.mediamon.enrich.dedup.ExactDedupProcessor;
import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.enrich.dedup.NearDupBandProcessor;
import io.mediamon.enrich.dedup.NearDupVerdictProcessor;
import io.mediamon.enrich.tag.LanguageIdentifier;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology. Every processor, store and repartition topic is named:
 *
 * <pre>
 * media.raw ─ raw-source ─ enrich-document ─┬─ failed ─ dead-letter-sink ─ media.dlq
 *                                           └─ ok ─ key-by-text-hash ─ [dedup-by-text-hash repartition]
 *   ─ dedup-by-text-hash (store dedup-text-hash-store) ─ key-by-canonical-url ─ [dedup-by-url repartition]
 *   ─ dedup-by-url (store dedup-url-store) ─ key-by-event-id ─ near-dup- split:
 *       decided (exact copies, short texts) ──────────────────────────────────────────────────┐
 *       candidate ─ near-dup-probes ─ [near-dup-by-band] ─┐                                      │
 *       media.near-dup-repoints ─ near-dup-repoints-source ─┴─ near-dup-band (near-dup-bucket-store) │
 *         ─ [near-dup-votes-by-doc] ─ near-dup-votes-in ─┐                                     │
 *       candidate ─ [near-dup-events-by-doc] ─ near-dup-events-in ─┴─ near-dup-inputs          │
 *         ─ near-dup-verdict (near-dup-vote-store, near-dup-pending-store) ─┬─ near-dup-judged ─ all-verdicts ┘
 *                                           near-dup-repoints-sink ─ media.near-dup-repoints ┘
 *   ─┬─ first ─ events-sink ─ media.events
 *                                                             ├─ duplicate ─ duplicates-sink ─ media.duplicates
 *                                                             └─ cited-posts ─ [posts-by-post-id repartition]
 *   ─ aggregate-posts (store posts-store) ─ posts-sink ─ media.posts
 *   └─ key-by-story-id ─ story-copy ─ [stories-by-story-id repartition] ─ aggregate-stories (store stories-store) ─ stories-sink ─ media.stories
 * </pre>
 *
 * Records are re-keyed by each dedup key and repartitioned so copies meet in the same store whichever instance
 * ingested them; that is what lets enrich scale by partitions.
 */
public final class EnrichTopology {
  public static final String TEXT_HASH_STORE = "dedup-text-hash-store";
  public static final String URL_STORE = "dedup-url-store";
  public static final String POSTS_STORE = "posts-store";
  public static final String STORIES_STORE = "stories-store";
  /**
   * Band value to the stories that have it. Named anew when its record format changed (16 two-row bands with whole
   * signatures, to 4 one-row bands with 4-bit ones): an upgraded instance starts this store empty.
   */
  public static final String NEAR_DUP_BAND_STORE = "near-dup-bucket-store";
  public static final String NEAR_DUP_VOTE_STORE = "near-dup-vote-store";
  /** Candidate events waiting for their near-duplicate verdict: the documents in flight, not a time window. */
  public static final String NEAR_DUP_PENDING_STORE = "near-dup-pending-store";
  /**
   * Changelogs of the stores that only hold documents in flight (each entry is deleted once judged): segments roll
   * every minute, so the log cleaner can compact them away (the active segment is never compacted, and by
   * default it rolls at 1 GB or after 7 days), and tombstones go after an hour.
   */
  static final Map<String, String> IN_FLIGHT_CHANGELOG = Map.of(
      TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofMinutes(1).toMillis()),
      TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()));
  /**
   * Changelogs of the stores kept for a retention window (exact and band dedup, stories, posts): their entries are
   * rewritten (a bucket per member added, re-pointed or evicted; a story per copy; a post per citation), and only
   * the latest version of each is needed to restore. Segments roll at 64 MB or every hour so the log cleaner can drop
   * the older versions (it never compacts the active segment): with the default 1 GB segments, the band store's
   * changelog after a million documents kept every version of every bucket, 822 MB against 544 MB of local store;
   * with these, about 415 MB.
   */
  static final Map<String, String> RETAINED_CHANGELOG = Map.of(
      TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024),
      TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()));

  private EnrichTopology() {}

  /**
   * Builds the topology; tests build the very same one.
   *
   * @param postsRetention how long, in event time, a cited post is remembered after its latest citation
   */
  public static Topology build(EventAssembler assembler, EnrichMetrics metrics, int dlqPayloadCap, String component,
      DedupSettings dedup, Duration postsRetention) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, Outcome> outcomes = builder
        .stream(Topics.RAW.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-source"))
        .processValues(() -> new EnrichDocumentProcessor(assembler, metrics, dlqPayloadCap, component),
            Named.as("enrich-document"));

    var branches = outcomes.split(Named.as("enrich-"))
        .branch((key, outcome) -> outcome.isFailure(), Branched.as("failed"))
        .defaultBranch(Branched.as("ok"));

    branches.get("enrich-failed")
        .mapValues(Outcome::deadLetter, Named.as("to-dead-letter"))
        .to(Topics.DLQ.name(), Produced.with(Topics.DLQ.keySerde(), Topics.DLQ.valueSerde()).withName("dead-letter-sink"));

    KStream<String, EventRecord> events = branches.get("enrich-ok").mapValues(Outcome::event, Named.as("to-event"));
    KStream<String, EventRecord> judged = dedup(builder, events, dedup, assembler.languages()::throughout);

    posts(builder, judged, postsRetention);
    stories(builder, judged, dedup.retention());
    verdicts(judged, metrics);
    return builder.build();
  }

  /**
   * Exact dedup (text hash, then canonical URL) and near-duplicate dedup of enriched events, with the stores they
   * use; the stage the dedup benchmark also runs on its own, fed with ready events. Dedup stores remember a key for
   * the retention window (enrich.dedup.retention, 7 days by default) in event time; their processors evict older
   * entries, so state grows with the window, not with all history.
   *
   * @param throughout whether a text is in a language all through ({@link LanguageIdentifier#throughout}), asked
   *     before it is compared across languages
   */
  public static KStream<String, EventRecord> dedup(StreamsBuilder builder, KStream<String, EventRecord> events,
      DedupSettings settings, BiPredicate<String, String> throughout) {
    Duration retention = settings.retention();
    builder.addStateStore(ExactDedupProcessor.store(TEXT_HASH_STORE).withLoggingEnabled(RETAINED_CHANGELOG));
    builder.addStateStore(ExactDedupProcessor.store(URL_STORE).withLoggingEnabled(RETAINED_CHANGELOG));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(NEAR_DUP_BAND_STORE), Serdes.Bytes(), Topics.NEAR_DUP_BAND_SERDE)
        .withLoggingEnabled(RETAINED_CHANGELOG));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(NEAR_DUP_VOTE_STORE), Serdes.String(), Topics.NEAR_DUP_VOTE_SERDE)
        .withLoggingEnabled(IN_FLIGHT_CHANGELOG));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(NEAR_DUP_PENDING_STORE), Serdes.String(), Topics.EVENT_SERDE)
        .withLoggingEnabled(IN_FLIGHT_CHANGELOG));

    KStream<Bytes, EventRecord> byText = events
        .selectKey((id, event) -> ExactDedupKeys.text(event), Named.as("key-by-text-hash"))
        .repartition(Repartitioned.with(Serdes.Bytes(), Topics.EVENT_SERDE).withName("dedup-by-text-hash"))
        .processValues(() -> new ExactDedupProcessor(TEXT_HASH_STORE, "text_hash", retention), Named.as("dedup-by-text-hash"),
            TEXT_HASH_STORE);

    KStream<String, EventRecord> exactlyJudged = byText
        .selectKey((hash, event) -> ExactDedupKeys.url(event), Named.as("key-by-canonical-url"))
        .repartition(Repartitioned.with(Serdes.Bytes(), Topics.EVENT_SERDE).withName("dedup-by-url"))
        .processValues(() -> new ExactDedupProcessor(URL_STORE, "canonical_url", retention), Named.as("dedup-by-url"), URL_STORE)
        .selectKey((url, event) -> event.getId(), Named.as("key-by-event-id"));

    return nearDuplicates(builder, exactlyJudged, settings, throughout);
  }

  /**
   * Story clusters: judged events keyed by story id (named repartition stories-by-story-id), folded into the
   * stories store, each change to the compacted media.stories topic; only what a story keeps of an event crosses
   * the repartition ({@link StoryCopies#copyOf}). A story idle for the retention window is dropped from the store
   * (not from the topic).
   */
  public static void stories(StreamsBuilder builder, KStream<String, EventRecord> judged, Duration retention) {
    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
        Stores.persistentTimestampedKeyValueStore(STORIES_STORE), Serdes.String(), Topics.STORY_STORE_SERDE)
        .withLoggingEnabled(RETAINED_CHANGELOG));
    judged
        .selectKey((id, event) -> event.getStoryId(), Named.as("key-by-story-id"))
        .mapValues(StoryCopies::copyOf, Named.as("story-copy"))
        .repartition(Repartitioned.with(Serdes.String(), Topics.EVENT_SERDE).withName("stories-by-story-id"))
        .process(() -> new IdleForgettingAggregator<>(STORIES_STORE, retention, StoryCopies::empty, StoryCopies::add),
            Named.as("aggregate-stories"), STORIES_STORE)
        .to(Topics.STORIES.name(), Produced.with(Topics.STORIES.keySerde(), Topics.STORIES.valueSerde())
            .withName("stories-sink"));
  }

  /**
   * Cited posts: one citation per linked post of each judged event, keyed by post (named repartition
   * posts-by-post-id), folded into the posts store, each change to the compacted media.posts topic; a post not cited
   * for {@code retention} is dropped from the store (not from the topic).
   */
  static void posts(StreamsBuilder builder, KStream<String, EventRecord> judged, Duration retention) {
    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
        Stores.persistentTimestampedKeyValueStore(POSTS_STORE), Serdes.String(), Topics.POST_SERDE)
        .withLoggingEnabled(RETAINED_CHANGELOG));
    judged
        .flatMap((id, event) -> event.getLinkedPosts().stream()
            .map(post -> KeyValue.pair(PostCitations.key(post), PostCitations.citation(post, event))).toList(),
            Named.as("cited-posts"))
        .repartition(Repartitioned.with(Serdes.String(), Topics.POST_SERDE).withName("posts-by-post-id"))
        .process(() -> new IdleForgettingAggregator<>(POSTS_STORE, retention, PostCitations::empty,
            (post, citation, total) -> PostCitations.add(total, citation)), Named.as("aggregate-posts"), POSTS_STORE)
        .to(Topics.POSTS.name(), Produced.with(Topics.POSTS.keySerde(), Topics.POSTS.valueSerde()).withName("posts-sink"));
  }

  /** First copies to media.events, later copies to media.duplicates, each counted. */
  public static void verdicts(KStream<String, EventRecord> judged, EnrichMetrics metrics) {
    var verdicts = judged.split(Named.as("verdict-"))
        .branch((id, e) -> e.getDedup().getStatus() == DedupStatus.DUPLICATE, Branched.as("duplicate"))
        .defaultBranch(Branched.as("first"));

    verdicts.get("verdict-first")
        .peek((id, e) -> metrics.events.incrementAndGet(), Named.as("count-events"))
        .to(Topics.EVENTS.name(), Produced.with(Topics.EVENTS.keySerde(), Topics.EVENTS.valueSerde()).withName("events-sink"));
    verdicts.get("verdict-duplicate")
        .peek((id, e) -> metrics.duplicates.incrementAndGet(), Named.as("count-duplicates"))
        .to(Topics.DUPLICATES.name(),
            Produced.with(Topics.DUPLICATES.keySerde(), Topics.DUPLICATES.valueSerde()).withName("duplicates-sink"));
  }

  /**
   * Near-duplicates of events that exact dedup let through: each sends its MinHash bands to the band partitions
   * (named repartition near-dup-by-band), where every document sharing a band value meets in one store; the band
   * votes come back keyed by document (near-dup-votes-by-doc) to where the event waits (near-dup-events-by-doc), are
   * tallied into one verdict, and the event goes on with it. Exact duplicates and texts too short to sign pass straight through.
   */
  static KStream<String, EventRecord> nearDuplicates(StreamsBuilder builder, KStream<String, EventRecord> judged,
      DedupSettings settings, BiPredicate<String, String> throughout) {
    var routes = judged.split(Named.as("near-dup-"))
        .branch((id, e) -> e.getDedup().getStatus() == DedupStatus.DUPLICATE || !MinHasher.hasEnoughWords(e.getText()),
            Branched.as("decided"))
        .defaultBranch(Branched.as("candidate"));
    KStream<String, EventRecord> candidates = routes.get("near-dup-candidate");

    // the band stage reads its probes and the re-points together: same partition count, so a band key is on one task
    KStream<Bytes, NearDupBandProcessor.Input> probes = candidates
        .process(() -> new NearDupProbes(settings.crossLanguage() ? throughout : null), Named.as("near-dup-probes"))
        .repartition(Repartitioned.with(Serdes.Bytes(), Topics.NEAR_DUP_PROBE_SERDE).withName("near-dup-by-band")
            .withNumberOfPartitions(Topics.NEAR_DUP_REPOINTS.partitions()))
        .mapValues(NearDupBandProcessor.Input::of, Named.as("near-dup-probes-in"));
    KStream<Bytes, NearDupBandProcessor.Input> repoints = builder
        .stream(Topics.NEAR_DUP_REPOINTS.name(), Consumed.with(Topics.NEAR_DUP_REPOINTS.keySerde(),
            Topics.NEAR_DUP_REPOINTS.valueSerde()).withName("near-dup-repoints-source"))
        .mapValues(NearDupBandProcessor.Input::of, Named.as("near-dup-repoints-in"));
    KStream<String, NearDupVerdictProcessor.Input> votes = probes
        .merge(repoints, Named.as("near-dup-band-inputs"))
        .process(() -> new NearDupBandProcessor(NEAR_DUP_BAND_STORE,
            settings.nearThreshold(), settings.nearContainment(), settings.retention()), Named.as("near-dup-band"),
            NEAR_DUP_BAND_STORE)
        .repartition(Repartitioned.with(Serdes.String(), Topics.NEAR_DUP_VOTE_SERDE).withName("near-dup-votes-by-doc"))
        .mapValues(NearDupVerdictProcessor.Input::of, Named.as("near-dup-votes-in"));
    // both repartition topics are keyed by document id and derive their partition count from media.raw, so a
    // document's event and its votes meet in the same task
    KStream<String, NearDupVerdictProcessor.Output> verdicts = candidates
        .repartition(Repartitioned.with(Serdes.String(), Topics.EVENT_SERDE).withName("near-dup-events-by-doc"))
        .mapValues(NearDupVerdictProcessor.Input::of, Named.as("near-dup-events-in"))
        .merge(votes, Named.as("near-dup-inputs"))
        .process(() -> new NearDupVerdictProcessor(NEAR_DUP_VOTE_STORE, NEAR_DUP_PENDING_STORE),
            Named.as("near-dup-verdict"), NEAR_DUP_VOTE_STORE, NEAR_DUP_PENDING_STORE);
    verdicts
        .flatMap((id, verdict) -> verdict.repoints(), Named.as("near-dup-repoints"))
        .to(Topics.NEAR_DUP_REPOINTS.name(), Produced.with(Topics.NEAR_DUP_REPOINTS.keySerde(),
            Topics.NEAR_DUP_REPOINTS.valueSerde()).withName("near-dup-repoints-sink"));
    KStream<String, EventRecord> judgedNear = verdicts.mapValues(NearDupVerdictProcessor.Output::event,
        Named.as("near-dup-judged"));
    return routes.get("near-dup-decided").merge(judgedNear, Named.as("all-verdicts"));
  }
}
