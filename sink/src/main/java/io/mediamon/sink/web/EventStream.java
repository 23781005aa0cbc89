package io.mediamon.sink.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The browsers' live updates: Server-Sent Events ({@code text/event-stream}) with named events (story, match, status).
 * Each client has its own queue and its own server thread, the only one that writes to its socket: {@link #send}
 * never blocks, so a page that stops reading (a sleeping laptop, a dead network) cannot hold up the feed; its queue
 * fills and it is dropped. Their number is capped.
 */
final class EventStream implements AutoCloseable {
  /** Frames a client may have waiting; a client this far behind has stopped reading. */
  private static final int QUEUE = 1_000;
  private static final String DROPPED = "";
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final int maxClients;
  private volatile boolean closed;

  private record Client(BlockingQueue<String> frames, AtomicBoolean gone) {}

  EventStream(int maxClients) {
    this.maxClients = maxClients;
  }

  /** Serves one client until it leaves or the stream closes; false when too many are connected. */
  boolean serve(HttpExchange exchange) throws IOException, InterruptedException {
    Client client = new Client(new ArrayBlockingQueue<>(QUEUE), new AtomicBoolean());
    synchronized (clients) {
      if (clients.size() >= maxClients || closed) {
        return false;
      }
      clients.add(client);
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, ": connected\n\n");
      while (!closed && !client.gone().get()) {
        String frame = client.frames().poll(15, TimeUnit.SECONDS);
        if (frame == DROPPED) {
          break;
        }
        write(out, frame == null ? ": keep-alive\n\n" : frame); // idle streams are dropped by proxies otherwise
      }
    } catch (IOException e) {
      // the page went away
    } finally {
      clients.remove(client);
    }
    return true;
  }

  /** Queues a named event with a JSON payload for every client; a client that is too far behind is dropped. */
  void send(String event, String json) {
    String frame = "event: " + event + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
    for (Client client : clients) {
      if (!client.frames().offer(frame)) {
        drop(client);
      }
    }
  }

  int clients() {
    return clients.size();
  }

  private static void write(OutputStream out, String frame) throws IOException {
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void drop(Client client) {
    client.gone().set(true);
    clients.remove(client);
    client.frames().clear();
    client.frames().offer(DROPPED);
  }

  @Override
  public void close() {
    closed = true;
    clients.forEach(this::drop);
  }
}
