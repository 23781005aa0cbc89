package io.mediamon.enrich;

import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.NearDupProbe;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sends one probe per LSH band of an event's MinHash signature, keyed by the band value, stamped with its time. */
final class NearDupProbes implements Processor<String, EventRecord, Bytes, NearDupProbe> {
  private ProcessorContext<Bytes, NearDupProbe> context;

  @Override
  public void init(ProcessorContext<Bytes, NearDupProbe> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, EventRecord> record) {
    EventRecord event = record.value();
    MinHasher.Signature signed = MinHasher.sign(event.getText());
    int[] signature = signed.values();
    ByteBuffer bytes = ByteBuffer.wrap(MinHasher.toBytes(signature));
    for (int band = 0; band < MinHasher.BANDS; band++) {
      context.forward(record.withKey(Bytes.wrap(MinHasher.bandKey(signature, band))).withValue(NearDupProbe.newBuilder()
          .setDocId(event.getId())
          .setStoryId(event.getStoryId())
          .setTimestamp(record.timestamp())
          .setSignature(bytes)
          .setShingles(signed.shingles())
          .setBands(MinHasher.BANDS)
          .build()));
    }
  }
}
