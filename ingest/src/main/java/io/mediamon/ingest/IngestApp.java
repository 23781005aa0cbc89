package io.mediamon.ingest;

import io.mediamon.common.DeadLetters;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.common.Versions;
import io.mediamon.ingest.fetch.AddressGuard;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.ingest.source.InputReader;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: reads inputs and produces raw documents to {@code media.raw} with an idempotent producer,
 * keyed by the document's stable id; failures go to {@code media.dlq} with their reason and origin.
 */
public final class IngestApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);
  private final KafkaProducer<String, RawDocument> raw;
  private final KafkaProducer<String, DeadLetter> dlq;
  private final InputReader reader;
  private final String component = "mediamon-ingest/" + Versions.of(IngestApp.class);
  private final int deadLetterPayloadCap;

  public IngestApp(Settings settings) {
    long maxBytes = settings.bytes("ingest.max.body.bytes");
    if (maxBytes > Topics.MAX_RECORD_BYTES) {
      // a body the cap lets through would be refused by the cluster: say so now, not at the first large file
      throw new io.mediamon.common.ConfigException("ingest.max.body.bytes", String.valueOf(maxBytes),
          settings.origin("ingest.max.body.bytes"), "is over the largest record media.raw takes ("
              + Topics.MAX_RECORD_BYTES + " bytes, its max.message.bytes): set it to at most that");
    }
    Map<String, Object> props = KafkaClients.base(settings, "mediamon-ingest");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.raw = new KafkaProducer<>(props, Topics.RAW.keySerde().serializer(), Topics.RAW.valueSerde().serializer());
    this.dlq = new KafkaProducer<>(props, Topics.DLQ.keySerde().serializer(), Topics.DLQ.valueSerde().serializer());
    HttpFetcher fetcher = new HttpFetcher(new AddressGuard(settings.flag("ingest.allow.private.addresses")),
        settings.duration("ingest.http.timeout"), maxBytes, settings.string("ingest.http.user.agent"));
    this.reader = new InputReader(fetcher, maxBytes, Clock.systemUTC());
    this.deadLetterPayloadCap = io.mediamon.common.DeadLetters.payloadCap(settings);
  }

  /** Reads every input and produces its documents; returns once all are acknowledged by the cluster. */
  public IngestReport ingest(List<String> inputs) {
    List<String> ids = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    Map<Future<RecordMetadata>, RawDocument> documents = new java.util.IdentityHashMap<>();
    for (String input : inputs) {
      reader.read(input, new InputReader.Listener() {
        @Override
        public void document(RawDocument document) {
          ids.add(document.getId());
          Future<RecordMetadata> sent = raw.send(new ProducerRecord<>(Topics.RAW.name(), document.getId(), document));
          pending.add(sent);
          documents.put(sent, document);
          LOG.debug("ingested {} from {}", document.getId(), document.getOrigin().getUri());
        }

        @Override
        public void failure(String origin, IngestException error, byte[] payload) {
          failed.add(origin);
          LOG.warn("dead letter for input {}: {}", origin, error.getMessage());
          DeadLetter letter = DeadLetters.of(origin, -1, -1, origin, error.stage(), error, payload, deadLetterPayloadCap,
              component);
          pending.add(dlq.send(new ProducerRecord<>(Topics.DLQ.name(), origin, letter)));
        }
      });
    }
    raw.flush();
    dlq.flush();
    List<Future<RecordMetadata>> refusals = new ArrayList<>();
    for (Future<RecordMetadata> f : pending) {
      try {
        f.get();
      } catch (ExecutionException e) {
        RawDocument document = documents.get(f);
        if (document != null && e.getCause() instanceof RecordTooLargeException) {
          // one document the cluster will not take is a dead letter; the rest of the run goes on
          String origin = document.getOrigin().getUri();
          ids.remove(document.getId());
          failed.add(origin);
          IngestException error = new IngestException("ingest.size", "the cluster refused " + origin + ": "
              + e.getCause().getMessage(), e.getCause());
          LOG.warn("dead letter for input {}: {}", origin, error.getMessage());
          refusals.add(dlq.send(new ProducerRecord<>(Topics.DLQ.name(), origin, DeadLetters.of(origin, -1, -1,
              document.getId(), error.stage(), error, null, deadLetterPayloadCap, component))));
          continue;
        }
        throw new IllegalStateException("the cluster refused a record: " + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while producing", e);
      }
    }
    dlq.flush();
    for (Future<RecordMetadata> f : refusals) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the cluster refused a dead letter: " + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while producing", e);
      }
    }
    return new IngestReport(List.copyOf(ids), List.copyOf(failed));
  }

  @Override
  public void close() {
    raw.close(Duration.ofSeconds(10));
    dlq.close(Duration.ofSeconds(10));
  }
}
