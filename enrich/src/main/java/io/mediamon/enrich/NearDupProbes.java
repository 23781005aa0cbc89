package io.mediamon.enrich;

import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.NearDupProbe;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends one probe per LSH band of an event's MinHash signature, keyed by the band value, stamped with its time; and,
 * unless switched off, when the event's language is known and its text has enough names and numbers, one per anchor
 * band ({@link CrossLanguageSigner}), which finds its copies in other languages.
 */
final class NearDupProbes implements Processor<String, EventRecord, Bytes, NearDupProbe> {
  private final boolean crossLanguage;
  private ProcessorContext<Bytes, NearDupProbe> context;

  /** @param crossLanguage whether to probe the anchor bands too ({@code enrich.dedup.translations}) */
  NearDupProbes(boolean crossLanguage) {
    this.crossLanguage = crossLanguage;
  }

  @Override
  public void init(ProcessorContext<Bytes, NearDupProbe> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, EventRecord> record) {
    EventRecord event = record.value();
    MinHasher.Signature words = MinHasher.sign(event.getText());
    MinHasher.Signature anchors = crossLanguage && event.getLanguage() != null
        ? CrossLanguageSigner.sign(event.getText()) : null;
    boolean acrossLanguages = anchors != null && CrossLanguageSigner.signable(anchors);
    int bands = MinHasher.BANDS + (acrossLanguages ? CrossLanguageSigner.BANDS : 0);
    NearDupProbe wordProbe = probe(event, record.timestamp(), words, bands, null);
    for (int band = 0; band < MinHasher.BANDS; band++) {
      forward(record, MinHasher.bandKey(words.values(), band), wordProbe);
    }
    if (acrossLanguages) {
      NearDupProbe probe = probe(event, record.timestamp(), anchors, bands, event.getLanguage());
      for (int band = 0; band < CrossLanguageSigner.BANDS; band++) {
        forward(record, CrossLanguageSigner.bandKey(anchors.values(), band), probe);
      }
    }
  }

  private void forward(Record<String, EventRecord> record, byte[] bandKey, NearDupProbe probe) {
    context.forward(record.withKey(Bytes.wrap(bandKey)).withValue(probe));
  }

  private static NearDupProbe probe(EventRecord event, long timestamp, MinHasher.Signature signed, int bands,
      String language) {
    return NearDupProbe.newBuilder()
        .setDocId(event.getId())
        .setStoryId(event.getStoryId())
        .setTimestamp(timestamp)
        .setSignature(ByteBuffer.wrap(MinHasher.toBytes(signed.values())))
        .setShingles(signed.shingles())
        .setBands(bands)
        .setLanguage(language)
        .build();
  }
}
