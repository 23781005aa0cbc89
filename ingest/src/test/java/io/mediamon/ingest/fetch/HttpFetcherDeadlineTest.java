package io.mediamon.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.ingest.IngestException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that sends its headers and then drips or withholds the body cannot hold a fetch past its deadline. */
class HttpFetcherDeadlineTest {

  /** Answers one request with headers promising 100,000 bytes, then sends one byte every {@code gapMillis}. */
  private static Thread dripServer(ServerSocket server, long gapMillis) {
    Thread t = new Thread(() -> {
      try (Socket s = server.accept()) {
        s.getInputStream().read(new byte[4096]);
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < 100_000; i++) {
          out.write('a');
          out.flush();
          Thread.sleep(gapMillis);
        }
      } catch (IOException | InterruptedException e) {
        // the client hung up, as it should
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void shouldGiveUpOnADrippedBodyAtTheDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dripServer(server, 200);
      HttpFetcher fetcher = new HttpFetcher(new AddressGuard(true), Duration.ofSeconds(2), 1 << 20, "mediamon-test");
      long started = System.nanoTime();
      assertThatThrownBy(() -> fetcher.get(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/slow")))
          .isInstanceOf(IngestException.class)
          .satisfies(e -> assertThat(FetchErrors.reason((IngestException) e)).isEqualTo("timed out after 2 s"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }
  }

  @Test
  void shouldGiveUpOnABodyThatNeverComes() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dripServer(server, 60_000);
      HttpFetcher fetcher = new HttpFetcher(new AddressGuard(true), Duration.ofSeconds(1), 1 << 20, "mediamon-test");
      long started = System.nanoTime();
      assertThatThrownBy(() -> fetcher.get(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/stalled")))
          .isInstanceOf(IngestException.class)
          .hasMessageContaining("timed out after 1 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
