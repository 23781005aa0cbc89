package io.mediamon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The Streams error handlers: a failing record becomes a dead letter with its origin, and the next one goes through. */
class StreamsDeadLettersTest {
  private static final String IN = "in";
  private static final String OUT = "out";

  /** in → a processor that throws on "boom" → a serializer that refuses "unwritable" → out. */
  private static TopologyTestDriver driver(AtomicLong counter) {
    StreamsBuilder builder = new StreamsBuilder();
    Serializer<String> refusing = (topic, value) -> {
      if ("unwritable".equals(value)) {
        throw new IllegalStateException("cannot write " + value);
      }
      return value.getBytes(StandardCharsets.UTF_8);
    };
    builder.stream(IN, Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(value -> {
          if (value.equals("boom")) {
            throw new IllegalArgumentException("cannot take " + value);
          }
          if (value.equals("disk full")) {
            throw new ProcessorStateException("store cannot be written");
          }
          return value;
        }, Named.as("take"))
        .to(OUT, Produced.with(Serdes.String(), Serdes.serdeFrom(refusing, Serdes.String().deserializer())));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letters-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    StreamsDeadLetters.install(props, "svc", "svc/test", 4, counter);
    return new TopologyTestDriver(builder.build(), props);
  }

  @Test
  void shouldDeadLetterARecordAProcessorThrowsOnAndGoOn() {
    AtomicLong counter = new AtomicLong();
    try (TopologyTestDriver driver = driver(counter)) {
      TestInputTopic<String, String> in = in(driver);
      in.pipeKeyValueList(List.of(KeyValue.pair("a", "fine"), KeyValue.pair("b", "boom"), KeyValue.pair("c", "also")));

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", "fine"), KeyValue.pair("c", "also"));
      List<TestRecord<String, DeadLetter>> dead = dlq(driver).readRecordsToList();
      assertThat(dead).hasSize(1);
      DeadLetter letter = dead.get(0).value();
      assertThat(dead.get(0).key()).isEqualTo("b");
      assertThat(letter.getOriginTopic()).isEqualTo(IN);
      assertThat(letter.getOriginOffset()).isEqualTo(1);
      assertThat(letter.getOriginKey()).isEqualTo("b");
      assertThat(letter.getStage()).isEqualTo("svc.take");
      assertThat(letter.getErrorMessage()).contains("cannot take boom");
      assertThat(letter.getComponent()).isEqualTo("svc/test");
      assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).isEqualTo("boom");
      assertThat(counter).hasValue(1);
    }
  }

  @Test
  void shouldDeadLetterTheInputOfAResultThatCannotBeSerializedAndCapItsPayload() {
    AtomicLong counter = new AtomicLong();
    try (TopologyTestDriver driver = driver(counter)) {
      TestInputTopic<String, String> in = in(driver);
      in.pipeKeyValueList(List.of(KeyValue.pair("a", "unwritable"), KeyValue.pair("b", "fine")));

      assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("b", "fine"));
      DeadLetter letter = dlq(driver).readValue();
      assertThat(letter.getStage()).isEqualTo("svc.produce");
      assertThat(letter.getOriginOffset()).isZero();
      assertThat(letter.getErrorMessage()).contains("cannot write unwritable");
      assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).isEqualTo("unwr");
      assertThat(letter.getPayloadTruncated()).isTrue();
      assertThat(counter).hasValue(1);
    }
  }

  @Test
  void shouldLeaveAStoreFailureToKafkaStreamsInsteadOfDeadLetteringEveryRecord() {
    AtomicLong counter = new AtomicLong();
    try (TopologyTestDriver driver = driver(counter)) {
      TestInputTopic<String, String> in = in(driver);
      assertThatThrownBy(() -> in.pipeInput("a", "disk full")).hasRootCauseInstanceOf(ProcessorStateException.class);
      assertThat(dlq(driver).isEmpty()).isTrue();
      assertThat(counter).hasValue(0);
    }
  }

  @Test
  void shouldWriteKeysThatAreNotTextInHex() {
    assertThat(StreamsDeadLetters.readable("band-key".getBytes(StandardCharsets.UTF_8))).isEqualTo("band-key");
    assertThat(StreamsDeadLetters.readable(new byte[] {0, 1, (byte) 0xff})).isEqualTo("hex:0001ff");
    assertThat(StreamsDeadLetters.readable(new byte[] {(byte) 0xc3})).isEqualTo("hex:c3");
  }

  private static TestInputTopic<String, String> in(TopologyTestDriver driver) {
    return driver.createInputTopic(IN, Serdes.String().serializer(), Serdes.String().serializer());
  }

  private static TestOutputTopic<String, String> out(TopologyTestDriver driver) {
    return driver.createOutputTopic(OUT, Serdes.String().deserializer(), Serdes.String().deserializer());
  }

  private static TestOutputTopic<String, DeadLetter> dlq(TopologyTestDriver driver) {
    return driver.createOutputTopic(Topics.DLQ.name(), Topics.DLQ.keySerde().deserializer(),
        Topics.DLQ.valueSerde().deserializer());
  }
}
