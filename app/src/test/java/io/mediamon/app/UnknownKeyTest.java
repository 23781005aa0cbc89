package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A misspelt key stops a command before it does anything, rather than leaving the default silently in force. */
class UnknownKeyTest {

  @Test
  void shouldRefuseAMisspeltKeyAndNameTheOneMeant() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String seed = RunOnceIT.seeds().resolve("000_1d40934e40241a50.txt").toString();

    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
        "extract", "-D", "enrich.language.mod=high", seed);

    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("mediamon: configuration enrich.language.mod=high (from command line): "
        + "not a configuration key; did you mean enrich.language.mode?");
  }

  @Test
  void shouldRunWithTheKeySpeltRight() {
    StringWriter out = new StringWriter();
    String seed = RunOnceIT.seeds().resolve("000_1d40934e40241a50.txt").toString();

    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "extract", "-D", "enrich.language.mode=low", seed);

    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"language\":\"fr\"");
  }
}
