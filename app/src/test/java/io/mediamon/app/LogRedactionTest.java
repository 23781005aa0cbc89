package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The product's logback.xml, as the CLI loads it: no URL keeps its password in a log line or a stack trace. */
class LogRedactionTest {
  @Test
  void shouldStripUserAndPasswordFromUrlsInMessagesAndStackTraces() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(Main.class.getResource("/logback.xml"));
      Logger log = context.getLogger("io.mediamon.ingest.Example");
      log.warn("fetching {} failed", "https://editor:s3cr3t@news.example/a");
      log.error("page failed", new IOException("GET http://u:s3cr3t@news.example/b refused",
          new IllegalStateException("redirect to ftp://x:s3cr3t@y.example/")));
    } finally {
      context.stop();
      System.setErr(stderr);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("fetching https://news.example/a failed", "page failed",
        "java.io.IOException: GET http://news.example/b refused", "redirect to ftp://y.example/",
        "at io.mediamon.app.LogRedactionTest").doesNotContain("s3cr3t");
  }
}
