package io.mediamon.sink.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The browsers' live updates: Server-Sent Events ({@code text/event-stream}) with named events (story, match, status).
 * Each client holds one server thread until it leaves, so their number is capped; a client whose socket fails is
 * dropped at the next send.
 */
final class EventStream implements AutoCloseable {
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final int maxClients;
  private volatile boolean closed;

  private record Client(OutputStream out, CountDownLatch gone) {}

  EventStream(int maxClients) {
    this.maxClients = maxClients;
  }

  /** Serves one client until it leaves or the stream closes; false when too many are connected. */
  boolean serve(HttpExchange exchange) throws IOException, InterruptedException {
    if (clients.size() >= maxClients || closed) {
      return false;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
    exchange.sendResponseHeaders(200, 0);
    Client client = new Client(exchange.getResponseBody(), new CountDownLatch(1));
    clients.add(client);
    write(client, ": connected\n\n");
    while (!closed && !client.gone().await(15, TimeUnit.SECONDS)) {
      write(client, ": keep-alive\n\n"); // proxies and browsers drop idle streams
    }
    clients.remove(client);
    return true;
  }

  /** Sends a named event with a JSON payload to every client. */
  void send(String event, String json) {
    String frame = "event: " + event + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
    for (Client client : clients) {
      write(client, frame);
    }
  }

  int clients() {
    return clients.size();
  }

  private void write(Client client, String frame) {
    synchronized (client) {
      try {
        client.out().write(frame.getBytes(StandardCharsets.UTF_8));
        client.out().flush();
      } catch (IOException e) {
        clients.remove(client);
        client.gone().countDown();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Client client : clients) {
      client.gone().countDown();
    }
  }
}
