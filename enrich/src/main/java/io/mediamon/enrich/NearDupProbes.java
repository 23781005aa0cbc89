package io.mediamon.enrich;

import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.MinHasher;
import io.mediamon.enrich.tag.LanguageIdentifier;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.NearDupProbe;
import java.nio.ByteBuffer;
import java.util.function.BiPredicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends one probe per LSH band of an event's MinHash signature, keyed by the band value, stamped with its time; and,
 * unless switched off, when the event is in its language throughout and its text has enough names and numbers, one
 * per anchor band ({@link CrossLanguageSigner}), which finds its copies in other languages.
 *
 * <p>A page in two languages is left to the word bands: anchors cannot tell a translation from the same text in a
 * third language, and such a page, labelled with its opening's language, shares text verbatim with pages labelled
 * otherwise. On generated documents mixing paragraphs of several languages, nearly all matches between strangers
 * were of this kind (BENCHMARKS.md).
 */
final class NearDupProbes implements Processor<String, EventRecord, Bytes, NearDupProbe> {
  private final BiPredicate<String, String> throughout;
  private ProcessorContext<Bytes, NearDupProbe> context;

  /**
   * @param throughout whether a text is in a language all through ({@link LanguageIdentifier#throughout}), when
   *     the anchor bands are probed too ({@code enrich.dedup.translations}); null when they are not
   */
  NearDupProbes(BiPredicate<String, String> throughout) {
    this.throughout = throughout;
  }

  @Override
  public void init(ProcessorContext<Bytes, NearDupProbe> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, EventRecord> record) {
    EventRecord event = record.value();
    MinHasher.Signature words = MinHasher.sign(event.getText());
    MinHasher.Signature anchors = throughout != null && event.getLanguage() != null
        ? CrossLanguageSigner.sign(event.getText()) : null;
    // the language is checked last: identifying two more samples costs more than signing
    boolean acrossLanguages = anchors != null && CrossLanguageSigner.signable(anchors)
        && throughout.test(event.getText(), event.getLanguage());
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
