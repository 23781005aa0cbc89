package io.mediamon.enrich.dedup;

import io.mediamon.schemas.NearDupVote;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects a document's band votes (keyed by document id, so they all arrive here) and, once every band has
 * answered, forwards one verdict: the earliest match over all bands (the story's first copy), or none.
 */
public final class NearDupGatherProcessor implements Processor<String, NearDupVote, String, NearDupVote> {
  private final String storeName;
  private KeyValueStore<String, NearDupVote> tallies;
  private ProcessorContext<String, NearDupVote> context;

  public NearDupGatherProcessor(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, NearDupVote> context) {
    this.context = context;
    this.tallies = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, NearDupVote> record) {
    NearDupVote vote = record.value();
    NearDupVote tally = tallies.get(record.key());
    if (tally == null) {
      tally = NearDupVote.newBuilder(vote).setVotes(0).setMatchStoryId(null).setSimilarity(0.0).build();
    }
    NearDupVote.Builder next = NearDupVote.newBuilder(tally).setVotes(tally.getVotes() + 1);
    if (vote.getMatchStoryId() != null && (tally.getMatchStoryId() == null
        || vote.getMatchTimestamp() < tally.getMatchTimestamp()
        || (vote.getMatchTimestamp() == tally.getMatchTimestamp() && vote.getSimilarity() > tally.getSimilarity()))) {
      next.setMatchStoryId(vote.getMatchStoryId()).setMatchTimestamp(vote.getMatchTimestamp())
          .setSimilarity(vote.getSimilarity());
    }
    NearDupVote updated = next.build();
    if (updated.getVotes() >= updated.getBands()) {
      tallies.delete(record.key());
      context.forward(record.withValue(updated));
    } else {
      tallies.put(record.key(), updated);
    }
  }
}
