package io.mediamon.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports for the brokers tests start: the embedded broker listens on one port and its controller on the next. */
public final class TestPorts {
  private TestPorts() {}

  /** A port whose successor is free too: the broker listens on the first, its controller on the second. */
  public static int freePair() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      } catch (IOException e) {
        continue;
      }
      if (port >= 65535) {
        continue; // no port after it for the controller
      }
      try (ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException taken) {
        // try another pair
      }
    }
    throw new IllegalStateException("no two free consecutive ports for the test broker");
  }
}
