package io.mediamon.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void shouldReadSecondsAndHttpDatesAndIgnoreTheRest() {
    assertThat(RetryAfter.parse("120", NOW)).hasValue(Duration.ofMinutes(2));
    assertThat(RetryAfter.parse(" 0 ", NOW)).hasValue(Duration.ZERO);
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 10:00:30 GMT", NOW)).hasValue(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 09:00:00 GMT", NOW)).as("a date in the past").hasValue(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }
}
