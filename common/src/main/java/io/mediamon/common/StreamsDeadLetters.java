package io.mediamon.common;

import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' error handlers for mediamon's Streams services. A record a service cannot deserialize, that one of
 * its processors throws on, or whose result cannot be serialized becomes a dead letter on media.dlq (origin topic,
 * partition, offset and key, the stage, the reason, the record's bytes as read), and processing goes on with the
 * next record. Kafka Streams writes the dead letter in the task's own transaction, so
 * under exactly-once the record is either dead-lettered or processed, never both and never neither.
 *
 * <p>Without them, Kafka Streams' defaults stop the stream thread on such a record; the replaced thread reads the
 * same record again and stops again, and the partition is stuck for good.
 */
public abstract class StreamsDeadLetters implements Configurable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsDeadLetters.class);
  /** Configuration keys the handlers read, set by {@link #install}. */
  static final String SERVICE = "mediamon.dead.letters.service";
  static final String COMPONENT = "mediamon.dead.letters.component";
  static final String PAYLOAD_CAP = "mediamon.dead.letters.payload.max.bytes";
  static final String COUNTER = "mediamon.dead.letters.counter";

  private String service;
  private String component;
  private int payloadCap;
  private AtomicLong counter;

  /**
   * Sets the three handlers in a Streams configuration.
   *
   * @param service names the stages of the dead letters: {@code service.deserialize}, {@code service.produce}, and
   *     {@code service.PROCESSOR} for a processor's failure (every processor of a mediamon topology is named)
   * @param counter counts each dead letter written, for the service's metrics
   */
  public static void install(Properties props, String service, String component, int payloadCap, AtomicLong counter) {
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class);
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Production.class);
    props.put(SERVICE, service);
    props.put(COMPONENT, component);
    props.put(PAYLOAD_CAP, payloadCap);
    props.put(COUNTER, counter);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    service = (String) configs.get(SERVICE);
    component = (String) configs.get(COMPONENT);
    payloadCap = (Integer) configs.get(PAYLOAD_CAP);
    counter = (AtomicLong) configs.get(COUNTER);
  }

  /** The dead letter of a record read from {@code context}'s topic, partition and offset, as Kafka sends it. */
  List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, String step, byte[] key,
      byte[] payload, Exception error) {
    String originKey = key == null ? null : readable(key);
    String stage = service + "." + step;
    DeadLetter letter = DeadLetters.of(context.topic(), context.partition(), context.offset(), originKey, stage, error,
        payload, payloadCap, component);
    counter.incrementAndGet();
    LOG.warn("dead letter for {} at {}-{}@{}: {} ({})", originKey, context.topic(), context.partition(),
        context.offset(), letter.getErrorMessage(), stage, error);
    return List.of(new ProducerRecord<>(Topics.DLQ.name(),
        Topics.DLQ.keySerde().serializer().serialize(Topics.DLQ.name(), originKey),
        Topics.DLQ.valueSerde().serializer().serialize(Topics.DLQ.name(), letter)));
  }

  /** Keys are UTF-8 text but on the topics keyed by a hash; those are written in hex. */
  static String readable(byte[] key) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
      if (text.chars().noneMatch(Character::isISOControl)) {
        return text;
      }
    } catch (CharacterCodingException e) {
      // not text: hex below
    }
    return "hex:" + HexFormat.of().formatHex(key);
  }

  /** A record that does not deserialize, on any topic the service reads. */
  public static final class Deserialization extends StreamsDeadLetters implements DeserializationExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
      return Response.resume(deadLetter(context, "deserialize", record.key(), record.value(), exception));
    }
  }

  /**
   * A processor that throws on a record. The dead letter's payload is the record as read from its topic (the
   * sub-topology's source), which is what can be replayed, and its stage the processor's name. A Streams exception
   * (a state store that cannot be read or written: a full disk, a closed store) is not the record's fault and
   * would befall every record after it: the task fails and Kafka Streams restarts it, as without this handler.
   */
  public static final class Processing extends StreamsDeadLetters implements ProcessingExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
      if (exception instanceof StreamsException) {
        return Response.fail();
      }
      return Response.resume(deadLetter(context, context.processorNodeId(), context.sourceRawKey(),
          context.sourceRawValue(), exception));
    }
  }

  /**
   * A result that cannot be serialized: the input it came from is dead-lettered. A send the broker refuses keeps
   * Kafka's default (the task fails): the producer may have put the open transaction in error whatever a handler
   * answers, which is not tested here, and record sizes are bounded upstream (bodies at ingest.max.body.bytes, 8 MB,
   * under the 10 MB records the topics take).
   */
  public static final class Production extends StreamsDeadLetters implements ProductionExceptionHandler {
    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
        SerializationExceptionOrigin origin) {
      return Response.resume(deadLetter(context, "produce", context.sourceRawKey(), context.sourceRawValue(),
          exception));
    }
  }
}
