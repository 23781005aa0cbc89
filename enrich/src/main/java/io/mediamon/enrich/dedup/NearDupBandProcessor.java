package io.mediamon.enrich.dedup;

import io.mediamon.schemas.NearDupBucket;
import io.mediamon.schemas.NearDupProbe;
import io.mediamon.schemas.NearDupVote;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One LSH band: probes arrive keyed by band value, so every document sharing this band value is in this store.
 * The probe is compared with the bucket's members over the whole signature; the vote, keyed by the probing
 * document, carries the earliest member at or above the threshold: a story is named after its first copy.
 */
public final class NearDupBandProcessor implements Processor<String, NearDupProbe, String, NearDupVote> {
  /** A bucket keeps its oldest members: the first copies, which later copies should point to. */
  static final int MAX_MEMBERS = 8;
  private final String storeName;
  private final double threshold;
  private final double containment;
  private final Duration retention;
  private KeyValueStore<String, NearDupBucket> buckets;
  private ProcessorContext<String, NearDupVote> context;

  /**
   * @param threshold estimated Jaccard similarity at which two texts are copies
   * @param containment estimated share of the shorter text found in the longer at which they are copies
   */
  public NearDupBandProcessor(String storeName, double threshold, double containment, Duration retention) {
    this.storeName = storeName;
    this.threshold = threshold;
    this.containment = containment;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, NearDupVote> context) {
    this.context = context;
    this.buckets = context.getStateStore(storeName);
    context.schedule(Retention.sweepInterval(retention), PunctuationType.STREAM_TIME, this::evictBefore);
  }

  /** Drops members older than the retention window, and buckets left empty. */
  private void evictBefore(long streamTime) {
    long cutoff = streamTime - retention.toMillis();
    List<KeyValue<String, NearDupBucket>> changed = new ArrayList<>();
    try (KeyValueIterator<String, NearDupBucket> all = buckets.all()) {
      while (all.hasNext()) {
        KeyValue<String, NearDupBucket> entry = all.next();
        List<NearDupProbe> kept = new ArrayList<>(entry.value.getMembers());
        if (kept.removeIf(m -> m.getTimestamp() < cutoff)) {
          changed.add(KeyValue.pair(entry.key, kept.isEmpty() ? null : NearDupBucket.newBuilder().setMembers(kept).build()));
        }
      }
    }
    changed.forEach(kv -> buckets.put(kv.key, kv.value));
  }

  /** A member written before signatures were compacted carries the full 32-bit values. */
  private static double similarity(int[] probe, ByteBuffer member) {
    if (member.remaining() == MinHasher.HASHES * 4) {
      return MinHasher.similarity(probe, MinHasher.fromBytes(member));
    }
    return MinHasher.similarity(probe, member);
  }

  @Override
  public void process(Record<String, NearDupProbe> record) {
    NearDupProbe probe = record.value();
    int[] signature = MinHasher.fromBytes(probe.getSignature());
    NearDupBucket bucket = buckets.get(record.key());
    List<NearDupProbe> members = bucket == null ? new ArrayList<>() : new ArrayList<>(bucket.getMembers());
    long cutoff = record.timestamp() - retention.toMillis();
    members.removeIf(m -> m.getTimestamp() < cutoff);
    NearDupProbe best = null;
    double bestSimilarity = 0;
    boolean seen = false;
    for (NearDupProbe member : members) {
      if (member.getDocId().equals(probe.getDocId())) {
        seen = true;
        continue;
      }
      double s = similarity(signature, member.getSignature());
      boolean copy = s >= threshold
          || MinHasher.containment(s, probe.getShingles(), member.getShingles()) >= containment;
      if (copy && (best == null || member.getTimestamp() < best.getTimestamp())) {
        best = member;
        bestSimilarity = s;
      }
    }
    if (!seen && members.size() < MAX_MEMBERS) {
      // a copy joins the bucket under its story, so a copy of the copy still finds the first one
      // members keep the compact signature: a document sits in 16 buckets, so this is most of dedup's state
      members.add(NearDupProbe.newBuilder(probe).setStoryId(best == null ? probe.getStoryId() : best.getStoryId())
          .setSignature(ByteBuffer.wrap(MinHasher.compact(signature))).build());
      buckets.put(record.key(), NearDupBucket.newBuilder().setMembers(members).build());
    }
    context.forward(record.withKey(probe.getDocId()).withValue(NearDupVote.newBuilder()
        .setDocId(probe.getDocId())
        .setMatchStoryId(best == null ? null : best.getStoryId())
        .setMatchTimestamp(best == null ? 0 : best.getTimestamp())
        .setSimilarity(bestSimilarity)
        .setVotes(1)
        .setBands(probe.getBands())
        .build()));
  }
}
