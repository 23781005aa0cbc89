package io.mediamon.sink.alert;

import io.mediamon.common.DeadLetters;
import io.mediamon.common.KafkaClients;
import io.mediamon.common.Redaction;
import io.mediamon.common.Settings;
import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.DeadLetter;
import io.mediamon.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers media.alerts to webhooks: the rule's own, else {@code sink.alerts.webhook.urls}. At-least-once: offsets
 * are committed after every alert of the batch is delivered or dead-lettered (stage {@code alerts.webhook}, with
 * the last status or error and the alert as payload); receivers drop repeats by the {@code Idempotency-Key}. A
 * webhook URL is a credential: logs and dead letters show its scheme and host only ({@link Redaction#webhook}).
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, DeadLetter> dlq;
  private final WebhookClient client;
  private final List<String> defaultWebhooks;
  private final AlertMetrics metrics;
  private final String component;
  private final int deadLetterPayloadCap;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Why a webhook did not take an alert: the message of its dead letter. */
  static final class DeliveryFailedException extends Exception {
    DeliveryFailedException(String message) {
      super(message);
    }
  }

  public WebhookDispatcher(Settings settings, WebhookClient client, AlertMetrics metrics, String component) {
    Map<String, Object> c = KafkaClients.committedReader(settings, "mediamon-webhooks",
        settings.string("sink.alerts.webhook.group.id"));
    // a batch of failing receivers spends its retries inside one poll loop
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
    c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(15).toMillis());
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> p = KafkaClients.idempotentWriter(settings, "mediamon-webhooks");
    this.dlq = new KafkaProducer<>(p, Topics.DLQ.keySerde().serializer(), Topics.DLQ.valueSerde().serializer());
    this.client = client;
    this.defaultWebhooks = settings.list("sink.alerts.webhook.urls");
    this.metrics = metrics;
    this.component = component;
    this.deadLetterPayloadCap = DeadLetters.payloadCap(settings);
  }

  /** The client the settings describe. */
  public static WebhookClient client(Settings settings) {
    return new WebhookClient(new WebhookClient.Policy(settings.duration("sink.alerts.webhook.timeout"),
        settings.integer("sink.alerts.webhook.attempts"), settings.duration("sink.alerts.webhook.backoff"),
        settings.duration("sink.alerts.webhook.backoff.max")),
        settings.flag("sink.alerts.webhook.allow.private.addresses"), settings.string("sink.alerts.webhook.user.agent"),
        d -> Thread.sleep(d.toMillis()));
  }

  /** Delivers until {@link #close()}. */
  public void run() {
    consumer.subscribe(List.of(Topics.ALERTS.name()));
    try {
      while (running.get()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> r : records) {
          deliver(r);
        }
        if (!records.isEmpty()) {
          dlq.flush();
          consumer.commitSync();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(Duration.ofSeconds(10));
      dlq.close(Duration.ofSeconds(10));
    }
  }

  private void deliver(ConsumerRecord<String, byte[]> r) throws InterruptedException {
    AlertRecord alert;
    try {
      alert = Topics.ALERT_SERDE.decode(r.value());
    } catch (SerializationException e) {
      deadLetter(r, "alerts.decode", e, r.value());
      return;
    }
    List<String> targets = alert.getWebhooks().isEmpty() ? defaultWebhooks : alert.getWebhooks();
    for (String url : targets) {
      WebhookClient.Outcome outcome = client.deliver(url, alert);
      for (int i = 1; i < outcome.attempts(); i++) {
        metrics.retried();
      }
      String shown = Redaction.webhook(url);
      if (outcome.delivered()) {
        metrics.deliveredOne();
        LOG.info("alert {} delivered to {} (attempt {})", alert.getAlertId(), shown, outcome.attempts());
      } else {
        metrics.deliveryFailed();
        String error = outcome.error() == null ? null : outcome.error().replace(url, shown);
        LOG.warn("alert {} not delivered to {} after {} attempts: {}", alert.getAlertId(), shown, outcome.attempts(),
            error);
        deadLetter(r, "alerts.webhook", new DeliveryFailedException("POST " + shown + " failed after "
            + outcome.attempts() + " attempts: " + error), Topics.ALERT_SERDE.encode(withHiddenWebhooks(alert)));
      }
    }
  }

  /** The alert as a dead letter keeps it: its webhooks are credentials, shown by host only. */
  static AlertRecord withHiddenWebhooks(AlertRecord alert) {
    return AlertRecord.newBuilder(alert)
        .setWebhooks(alert.getWebhooks().stream().map(w -> Redaction.webhook(w.toString())).toList()).build();
  }

  private void deadLetter(ConsumerRecord<String, byte[]> r, String stage, Exception e, byte[] payload) {
    dlq.send(new ProducerRecord<>(Topics.DLQ.name(), r.key(), DeadLetters.of(r.topic(), r.partition(), r.offset(),
        r.key(), stage, e, payload, deadLetterPayloadCap, component)));
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
