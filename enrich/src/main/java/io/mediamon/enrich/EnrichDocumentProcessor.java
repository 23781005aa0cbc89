package io.mediamon.enrich;

import io.mediamon.common.DeadLetters;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a raw record and assembles its event. Anything that fails (bytes that are not a raw document, a
 * document without readable text, a bug in a tagger) becomes a dead letter with the origin topic, partition and
 * offset; the topology never stops on one record.
 */
final class EnrichDocumentProcessor implements FixedKeyProcessor<String, byte[], Outcome> {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichDocumentProcessor.class);
  private final EventAssembler assembler;
  private final EnrichMetrics metrics;
  private final int payloadCap;
  private final String component;
  private FixedKeyProcessorContext<String, Outcome> context;

  EnrichDocumentProcessor(EventAssembler assembler, EnrichMetrics metrics, int payloadCap, String component) {
    this.assembler = assembler;
    this.metrics = metrics;
    this.payloadCap = payloadCap;
    this.component = component;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    metrics.documentsIn.incrementAndGet();
    String stage = "enrich.decode";
    try {
      if (record.value() == null) {
        throw new IllegalArgumentException("raw record without a value");
      }
      RawDocument raw = Topics.RAW_DOCUMENT_SERDE.decode(record.value());
      stage = "enrich.assemble";
      context.forward(record.withValue(Outcome.of(assembler.assemble(raw))));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // StackOverflowError/OutOfMemoryError: a pathological page must cost one dead letter, not the service
      metrics.deadLetters.incrementAndGet();
      RecordMetadata origin = context.recordMetadata().orElse(null);
      String topic = origin == null ? Topics.RAW.name() : origin.topic();
      int partition = origin == null ? -1 : origin.partition();
      long offset = origin == null ? -1 : origin.offset();
      LOG.warn("dead letter for {} at {}-{}@{}: {} ({})", record.key(), topic, partition, offset, e.getMessage(), stage);
      context.forward(record.withValue(Outcome.failed(DeadLetters.of(topic, partition, offset, record.key(), stage, e,
          record.value(), payloadCap, component))));
    }
  }
}
