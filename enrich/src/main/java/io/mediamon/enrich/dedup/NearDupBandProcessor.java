package io.mediamon.enrich.dedup;

import io.mediamon.schemas.NearDupBand;
import io.mediamon.schemas.NearDupMember;
import io.mediamon.schemas.NearDupProbe;
import io.mediamon.schemas.NearDupRepoint;
import io.mediamon.schemas.NearDupVote;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One LSH band: probes arrive keyed by band value, so every story with a document of this band value is in this
 * store. The probe is compared with the bucket's members over the whole (compact) signature; the vote, keyed by the
 * probing document, carries the earliest member at or above the threshold: a story is named after its first copy.
 *
 * <p>A member is a story, not a document: a copy joins the bucket under its story (so a copy of the copy still
 * finds the first one) unless the story is already there, and it keeps only what the comparison needs (story id,
 * time, shingle count, 4-bit signature, 8-bit in anchor bands), since band entries are most of dedup's state.
 *
 * <p>Anchor bands ({@link CrossLanguageSigner}) share the store under their own band numbers: there a probe carries
 * its document's language, and is compared only with members in other languages, by the anchor signature, whose
 * members keep wider sketches.
 *
 * <p>In a band where no earlier copy is found, a document is stored under its own id: the band cannot know the
 * verdict, which other bands may give. Its vote says so ({@code provisional_bands}), and once the document is judged
 * a copy a re-point comes back to the band ({@link NearDupRepoint}), and the member stands for the story from then
 * on, so that a copy of this copy, sharing no band with the first, still joins the story.
 */
public final class NearDupBandProcessor implements Processor<Bytes, NearDupBandProcessor.Input, String, NearDupVote> {
  /** A document's probe of this band, or a re-point of one of its members. */
  public record Input(NearDupProbe probe, NearDupRepoint repoint) {
    public static Input of(NearDupProbe probe) {
      return new Input(probe, null);
    }

    public static Input of(NearDupRepoint repoint) {
      return new Input(null, repoint);
    }
  }

  /** A bucket keeps its oldest members: the first copies, which later copies should point to. */
  public static final int MAX_MEMBERS = 8;
  private final String storeName;
  private final double threshold;
  private final double containment;
  private final Duration retention;
  private KeyValueStore<Bytes, NearDupBand> buckets;
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
    List<KeyValue<Bytes, NearDupBand>> changed = new ArrayList<>();
    try (KeyValueIterator<Bytes, NearDupBand> all = buckets.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, NearDupBand> entry = all.next();
        List<NearDupMember> kept = new ArrayList<>(entry.value.getMembers());
        if (kept.removeIf(m -> m.getTimestamp() < cutoff)) {
          changed.add(KeyValue.pair(entry.key, kept.isEmpty() ? null : new NearDupBand(kept)));
        }
      }
    }
    changed.forEach(kv -> buckets.put(kv.key, kv.value));
  }

  @Override
  public void process(Record<Bytes, Input> record) {
    if (record.value().probe() != null) {
      probe(record.withValue(record.value().probe()));
    } else {
      repoint(record.key(), record.value().repoint());
    }
  }

  /**
   * The member stored under the copy's own id now stands for its story; if the story is already in the bucket, the
   * member goes (a story is there once).
   */
  private void repoint(Bytes key, NearDupRepoint repoint) {
    NearDupBand bucket = buckets.get(key);
    if (bucket == null) {
      return; // evicted meanwhile
    }
    Object member = StoryIds.compact(repoint.getMember());
    Object story = StoryIds.compact(repoint.getStoryId());
    List<NearDupMember> members = new ArrayList<>(bucket.getMembers());
    boolean storyPresent = members.stream().anyMatch(m -> m.getStory().equals(story));
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).getStory().equals(member)) {
        if (storyPresent) {
          members.remove(i);
        } else {
          members.set(i, NearDupMember.newBuilder(members.get(i)).setStory(story).build());
        }
        buckets.put(key, members.isEmpty() ? null : new NearDupBand(members));
        return;
      }
    }
  }

  private void probe(Record<Bytes, NearDupProbe> record) {
    NearDupProbe probe = record.value();
    int[] signature = MinHasher.fromBytes(probe.getSignature());
    NearDupBand bucket = buckets.get(record.key());
    List<NearDupMember> members = bucket == null ? new ArrayList<>() : new ArrayList<>(bucket.getMembers());
    long cutoff = record.timestamp() - retention.toMillis();
    boolean evicted = members.removeIf(m -> m.getTimestamp() < cutoff);
    // stories are compared as stored (an ingest id's 8 bytes): only the match is turned back into an id
    Object self = StoryIds.compact(probe.getDocId());
    NearDupMember best = null;
    double bestSimilarity = 0;
    String language = probe.getLanguage();
    for (NearDupMember member : members) {
      if (member.getStory().equals(self)) {
        continue; // this document again (re-delivered): it is the story's first copy, not a copy of itself
      }
      // a word probe meets word members only (earlier 0.1.0 builds left anchor members under band numbers 4 and 5, now word
      // bands'); an anchor probe meets anchor members in another language only: copies in one language are the
      // word bands' to find, with far more evidence
      if (language == null ? member.getLanguage() != null
          : member.getLanguage() == null || member.getLanguage().equals(language)) {
        continue;
      }
      double s = MinHasher.similarity(signature, member.getSketch());
      boolean copy = language == null
          ? MinHasher.isCopy(s, probe.getShingles(), member.getShingles(), threshold, containment)
          : CrossLanguageSigner.isCopy(signature, member.getSketch());
      if (copy && (best == null || member.getTimestamp() < best.getTimestamp())) {
        best = member;
        bestSimilarity = s;
      }
    }
    Object story = best == null ? StoryIds.compact(probe.getStoryId()) : best.getStory();
    boolean provisional = false;
    if (members.stream().noneMatch(m -> m.getStory().equals(story)) && members.size() < MAX_MEMBERS) {
      provisional = best == null;
      members.add(NearDupMember.newBuilder()
          .setStory(story)
          .setTimestamp(record.timestamp())
          .setShingles(probe.getShingles())
          .setSketch(ByteBuffer.wrap(
              language == null ? MinHasher.compact(signature) : CrossLanguageSigner.sketch(signature)))
          .setLanguage(language)
          .build());
      buckets.put(record.key(), new NearDupBand(members));
    } else if (evicted) {
      buckets.put(record.key(), members.isEmpty() ? null : new NearDupBand(members));
    }
    context.forward(record.withKey(probe.getDocId()).withValue(NearDupVote.newBuilder()
        .setDocId(probe.getDocId())
        .setMatchStoryId(best == null ? null : StoryIds.expand(best.getStory()))
        .setMatchTimestamp(best == null ? 0 : best.getTimestamp())
        .setSimilarity(bestSimilarity)
        .setVotes(1)
        .setBands(probe.getBands())
        .setProvisionalBands(provisional ? List.of(ByteBuffer.wrap(record.key().get())) : List.of())
        .setCrossLanguage(best != null && language != null)
        .build()));
  }
}
