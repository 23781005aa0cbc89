package io.mediamon.bench;

import io.mediamon.common.KafkaClients;
import io.mediamon.common.Settings;
import io.mediamon.common.StreamsSettings;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The Kafka reference for the whole pipeline: the same pages through a Kafka Streams topology that only copies them
 * (a source topic of as many partitions as media.raw, one copy topic), under the same exactly-once settings, commit
 * interval and broker as enrich, in the same JVM. What it reaches is what the pipeline could reach if enriching cost
 * nothing: the part of the gap that is Kafka's own.
 */
final class PassthroughReference {
  private static final String SOURCE = "passthrough-source";
  private static final String COPY = "passthrough-copy";
  private static final int PARTITIONS = Topics.RAW.partitions();

  private PassthroughReference() {}

  /** Records per second from the first copy read to the last, with the given stream threads. */
  static double run(List<byte[]> bodies, int threads) throws Exception {
    try (BenchBroker broker = BenchBroker.start("mediamon-passthrough")) {
      Settings settings = Settings.defaults(Map.of("kafka.bootstrap", broker.bootstrap()));
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
        Map<String, String> config = Map.of("max.message.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        admin.createTopics(List.of(new NewTopic(SOURCE, PARTITIONS, (short) 1).configs(config),
            new NewTopic(COPY, PARTITIONS, (short) 1).configs(config))).all().get();
      }
      Map<String, Object> producerProps = KafkaClients.idempotentWriter(settings, "passthrough-writer");
      producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
      producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < bodies.size(); i++) {
          producer.send(new ProducerRecord<>(SOURCE, String.valueOf(i).getBytes(), bodies.get(i)));
        }
        producer.flush();
      }

      Properties props = StreamsSettings.base(settings, "mediamon-passthrough", broker.dir("streams").toString(),
          threads, "enrich.commit.interval");
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream(SOURCE, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-read"))
          .to(COPY, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-write"));
      Map<String, Object> readerProps = KafkaClients.committedReader(settings, "passthrough-reader", "passthrough-reader");
      readerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      readerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_RECORD_BYTES);
      try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
          KafkaConsumer<byte[], byte[]> reader =
              new KafkaConsumer<>(readerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        reader.subscribe(List.of(COPY));
        streams.start();
        // copies arrive a committed transaction at a time: the rate counts what came after the first batch, over the
        // time from that batch to the last
        long first = 0;
        long last = 0;
        int firstBatch = 0;
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (seen < bodies.size() && System.nanoTime() < deadline) {
          int batch = reader.poll(Duration.ofMillis(50)).count();
          if (batch > 0) {
            last = System.nanoTime();
            if (seen == 0) {
              first = last;
              firstBatch = batch;
            }
            seen += batch;
          }
        }
        streams.close(Duration.ofSeconds(30));
        if (seen < bodies.size()) {
          throw new IllegalStateException("passthrough copied " + seen + " of " + bodies.size() + " records in 5 min");
        }
        if (seen == firstBatch) {
          throw new IllegalStateException("every copy came in one batch: too few pages to measure a rate");
        }
        return (seen - firstBatch) / ((last - first) / 1e9);
      }
    }
  }
}
