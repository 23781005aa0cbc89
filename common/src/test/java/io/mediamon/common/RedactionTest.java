package io.mediamon.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void shouldHideTheValuesOfKeysThatHoldCredentials() {
    for (String key : new String[] {"kafka.client.sasl.jaas.config", "kafka.client.ssl.truststore.password",
        "kafka.client.ssl.key.password", "kafka.clientt.sasl.jaas.config", "sink.alerts.webhook.urls", "api.key",
        "web.token", "s3.secret.key", "kafka.client.sasl.oauthbearer.token.endpoint.url"}) {
      assertThat(Redaction.isSecretKey(key)).as(key).isTrue();
      assertThat(Redaction.value(key, "s3cr3t")).as(key).isEqualTo("[hidden]");
    }
    for (String key : new String[] {"enrich.threads", "ingest.http.user.agent", "sink.alerts.webhook.timeout",
        "kafka.client.session.timeout.ms", "enrich.tag.min.tokens"}) {
      assertThat(Redaction.isSecretKey(key)).as(key).isFalse();
    }
    assertThat(Redaction.value("ingest.inputs", "https://u:s3cr3t@example.org/a")).isEqualTo("https://example.org/a");
  }

  @Test
  void shouldStripUserInformationFromEveryUrlOfATextAndNothingElse() {
    assertThat(Redaction.url("https://user:s3cr3t@example.org:8443/a?b=c#d")).isEqualTo("https://example.org:8443/a?b=c#d");
    assertThat(Redaction.url("http://token@example.org/")).isEqualTo("http://example.org/");
    assertThat(Redaction.text("GET https://a:b@x.org/1 failed <- redirect to ftp://c:d@y.org/2"))
        .isEqualTo("GET https://x.org/1 failed <- redirect to ftp://y.org/2");
    assertThat(Redaction.text("mail editor@example.org about https://example.org/a?who=x@y"))
        .isEqualTo("mail editor@example.org about https://example.org/a?who=x@y");
    assertThat(Redaction.url(null)).isNull();
  }

  @Test
  void shouldShowAWebhookByItsSchemeAndHostOnly() {
    assertThat(Redaction.webhook("https://hooks.slack.com/services/T0/B0/s3cr3t"))
        .isEqualTo("https://hooks.slack.com/[hidden]");
    assertThat(Redaction.webhook("http://127.0.0.1:8080/hook?token=s3cr3t")).isEqualTo("http://127.0.0.1:8080/[hidden]");
    assertThat(Redaction.webhook("https://u:s3cr3t@example.org/")).isEqualTo("https://example.org/");
    assertThat(Redaction.webhook("not a url")).isEqualTo("[hidden]");
  }
}
