package io.mediamon.common;

import io.mediamon.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/** Builds dead-letter records with the origin, the reason and the (capped) payload; no URL keeps its password. */
public final class DeadLetters {
  private DeadLetters() {}

  /** How much of a failed record a dead letter keeps ({@code dlq.payload.max.bytes}), the same for every service. */
  public static int payloadCap(Settings settings) {
    return (int) Math.min(Integer.MAX_VALUE, settings.bytes("dlq.payload.max.bytes"));
  }

  /**
   * A dead letter for a record that failed at {@code stage}.
   *
   * @param payloadCap payloads longer than this are truncated, so one oversize body cannot block the DLQ
   */
  public static DeadLetter of(String originTopic, int partition, long offset, String key, String stage,
      Throwable error, byte[] payload, int payloadCap, String component) {
    boolean truncated = payload != null && payload.length > payloadCap;
    byte[] kept = payload == null ? null : truncated ? Arrays.copyOf(payload, payloadCap) : payload;
    return DeadLetter.newBuilder()
        .setOriginTopic(Redaction.text(originTopic))
        .setOriginPartition(partition)
        .setOriginOffset(offset)
        .setOriginKey(Redaction.text(key))
        .setStage(stage)
        .setErrorClass(error.getClass().getName())
        .setErrorMessage(Redaction.text(describe(error)))
        .setFailedAt(Instant.now())
        .setComponent(component)
        .setPayload(kept == null ? null : ByteBuffer.wrap(kept))
        .setPayloadTruncated(truncated)
        .build();
  }

  /** The message of an error and of its causes, so the reason survives wrapping. */
  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null && text.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
    return text.toString();
  }
}
