package io.mediamon.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The address rule shared by page fetches and webhooks, on the spellings an attacker tries for loopback and metadata. */
class PublicAddressesTest {
  @Test
  void shouldRefuseEverySpellingOfLoopbackPrivateAndMetadataAddresses() {
    for (String url : new String[] {"http://127.0.0.1/", "http://127.1/", "http://2130706433/",
        "http://localhost/", "http://LOCALHOST./", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://0.0.0.0/", "http://0/", "http://10.0.0.1/",
        "http://172.16.5.4/", "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
        "http://[fe80::1]/", "http://[fd12:3456::1]/", "http://224.0.0.1/", "http://127.0.0.1:9092/",
        "http://0x7f.0.0.1/"}) {
      assertThat(PublicAddresses.refusal(URI.create(url), false, "x.allow", url)).as(url).isPresent();
    }
  }

  @Test
  void shouldJudgeTheAddressTheJdkWouldConnectTo() throws Exception {
    // the JDK reads a leading zero as decimal, not octal: 0177.0.0.1 is 177.0.0.1 for the guard and the client alike
    assertThat(java.net.InetAddress.getByName("0177.0.0.1").getHostAddress()).isEqualTo("177.0.0.1");
  }

  @Test
  void shouldRefuseOtherSchemesEvenWhenPrivateAddressesAreAllowed() {
    for (String url : new String[] {"file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:70/", "jar:file:/x!/"}) {
      assertThat(PublicAddresses.refusal(URI.create(url), true, "x.allow", url)).as(url).get().asString()
          .contains("only http and https");
    }
    assertThat(PublicAddresses.refusal(URI.create("http://127.0.0.1:8080/"), true, "x.allow", "it")).isEmpty();
  }

  @Test
  void shouldNameTheSwitchAndShowTheUrlAsTheCallerSaysAndAcceptPublicLiterals() {
    assertThat(PublicAddresses.refusal(URI.create("http://127.0.0.1/secret"), false, "sink.alerts.webhook.allow.private"
        + ".addresses", "http://127.0.0.1/[hidden]")).get().asString()
        .isEqualTo("refused http://127.0.0.1/[hidden]: 127.0.0.1 resolves to non-public 127.0.0.1 "
            + "(set sink.alerts.webhook.allow.private.addresses=true for local tests)");
    assertThat(PublicAddresses.refusal(URI.create("http://93.184.216.34/"), false, "x.allow", "x")).isEmpty();
    assertThat(PublicAddresses.refusal(URI.create("http://[2606:2800:220:1:248:1893:25c8:1946]/"), false, "x.allow", "x"))
        .isEmpty();
  }
}
