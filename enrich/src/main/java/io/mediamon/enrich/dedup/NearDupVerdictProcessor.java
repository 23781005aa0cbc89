package io.mediamon.enrich.dedup;

import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.NearDupRepoint;
import io.mediamon.schemas.NearDupVote;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each candidate event together with its near-duplicate verdict. Both arrive keyed by document id: the event
 * itself, and one vote from each LSH band. The votes are tallied; once every band has answered and the event is
 * here, the event goes on with the verdict applied (the earliest match over all bands: the story's first copy), and
 * both are forgotten.
 *
 * <p>Keyed stores rather than a windowed stream-stream join: a join drops a record that arrives more than its window
 * behind the stream's time, and after downtime enrich's tasks work through their backlogs side by side, hours of
 * event time apart. Here nothing is dropped, and nothing is kept once judged: the state is the documents in flight.
 *
 * <p>A document judged a copy goes on with the re-points of the band members it left under its own id (see
 * {@link NearDupBandProcessor}).
 */
public final class NearDupVerdictProcessor implements Processor<String, NearDupVerdictProcessor.Input, String, NearDupVerdictProcessor.Output> {
  private static final Logger LOG = LoggerFactory.getLogger(NearDupVerdictProcessor.class);
  /** Dedup method of a copy found by the word signature. */
  public static final String MINHASH = "minhash";
  /** Dedup method of a copy in another language, found by the anchor signature ({@link CrossLanguageSigner}). */
  public static final String CROSS_LANGUAGE = "cross_language";

  /** An event waiting for its verdict, or one band's vote. */
  public record Input(EventRecord event, NearDupVote vote) {
    public static Input of(EventRecord event) {
      return new Input(event, null);
    }

    public static Input of(NearDupVote vote) {
      return new Input(null, vote);
    }
  }

  /** A judged event, and the band members to re-point at its story, keyed by band key. */
  public record Output(EventRecord event, List<KeyValue<Bytes, NearDupRepoint>> repoints) {
    static Output of(EventRecord event) {
      return new Output(event, List.of());
    }
  }

  private final String talliesStore;
  private final String pendingStore;
  private KeyValueStore<String, NearDupVote> tallies;
  private KeyValueStore<String, EventRecord> pending;
  private ProcessorContext<String, Output> context;

  public NearDupVerdictProcessor(String talliesStore, String pendingStore) {
    this.talliesStore = talliesStore;
    this.pendingStore = pendingStore;
  }

  @Override
  public void init(ProcessorContext<String, Output> context) {
    this.context = context;
    this.tallies = context.getStateStore(talliesStore);
    this.pending = context.getStateStore(pendingStore);
  }

  @Override
  public void process(Record<String, Input> record) {
    if (record.value().event() != null) {
      event(record.withValue(record.value().event()));
    } else {
      vote(record.withValue(record.value().vote()));
    }
  }

  private void event(Record<String, EventRecord> record) {
    NearDupVote tally = tallies.get(record.key());
    if (tally != null && isComplete(tally)) {
      tallies.delete(record.key());
      context.forward(record.withValue(judge(record.value(), tally)));
      return;
    }
    EventRecord waiting = pending.get(record.key());
    if (waiting != null) {
      // two versions of one document (a page edited and fetched again) in flight at once: their votes cannot be
      // told apart, so the older goes on with the exact-dedup verdict it has, and the newer waits for the votes
      LOG.warn("document {} arrived again before its near-duplicate verdict; the earlier version goes on unjudged",
          record.key());
      context.forward(record.withValue(Output.of(waiting)));
    }
    pending.put(record.key(), record.value());
  }

  private void vote(Record<String, NearDupVote> record) {
    NearDupVote vote = record.value();
    NearDupVote tally = tallies.get(record.key());
    if (tally == null) {
      tally = NearDupVote.newBuilder(vote).setVotes(0).setMatchStoryId(null).setSimilarity(0.0)
          .setProvisionalBands(List.of()).setCrossLanguage(false).build();
    }
    List<ByteBuffer> provisional = new ArrayList<>(tally.getProvisionalBands());
    provisional.addAll(vote.getProvisionalBands());
    NearDupVote.Builder next = NearDupVote.newBuilder(tally).setVotes(tally.getVotes() + 1)
        .setProvisionalBands(provisional);
    if (vote.getMatchStoryId() != null && (tally.getMatchStoryId() == null
        || vote.getMatchTimestamp() < tally.getMatchTimestamp()
        || (vote.getMatchTimestamp() == tally.getMatchTimestamp() && vote.getSimilarity() > tally.getSimilarity()))) {
      next.setMatchStoryId(vote.getMatchStoryId()).setMatchTimestamp(vote.getMatchTimestamp())
          .setSimilarity(vote.getSimilarity()).setCrossLanguage(vote.getCrossLanguage());
    }
    NearDupVote updated = next.build();
    EventRecord event = isComplete(updated) ? pending.get(record.key()) : null;
    if (event == null) {
      tallies.put(record.key(), updated); // complete or not, it waits: for more votes, or for its event
      return;
    }
    tallies.delete(record.key());
    pending.delete(record.key());
    context.forward(record.withValue(judge(event, updated)));
  }

  /** The event with its verdict, and if it is a copy, the re-points of the members it left under its own id. */
  private static Output judge(EventRecord event, NearDupVote verdict) {
    EventRecord judged = apply(event, verdict);
    if (judged == event) {
      return Output.of(event);
    }
    NearDupRepoint repoint = new NearDupRepoint(event.getId(), judged.getStoryId());
    return new Output(judged, verdict.getProvisionalBands().stream()
        .map(band -> KeyValue.pair(Bytes.wrap(Utils.toArray(band)), repoint)).toList());
  }

  private static boolean isComplete(NearDupVote tally) {
    return tally.getVotes() >= tally.getBands();
  }

  /** The event as a later copy of the matched story, or unchanged when no band found an earlier copy. */
  static EventRecord apply(EventRecord event, NearDupVote verdict) {
    if (verdict.getMatchStoryId() == null || verdict.getMatchStoryId().equals(event.getId())) {
      return event;
    }
    return EventRecord.newBuilder(event)
        .setStoryId(verdict.getMatchStoryId())
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.DUPLICATE).setDuplicateOf(verdict.getMatchStoryId())
            .setMethod(verdict.getCrossLanguage() ? CROSS_LANGUAGE : MINHASH).setSimilarity(verdict.getSimilarity())
            .build())
        .build();
  }
}
