package io.mediamon.ingest.fetch;

import io.mediamon.common.RetryAfter;
import java.time.Instant;
import io.mediamon.ingest.IngestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * HTTP GET with the JDK client: gzip/deflate, at most five redirects each checked by the {@link AddressGuard}, caps
 * on both the bytes on the wire and the decompressed body, and one deadline for the whole fetch, redirects and body
 * included: the JDK's request time-out only bounds the wait for headers, so a server that drips its body a byte at a
 * time would otherwise hold a worker for ever.
 */
public final class HttpFetcher {
  private static final int MAX_REDIRECTS = 5;
  /** Closes the body of a fetch that passes its deadline; one daemon thread for every fetcher. */
  private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mediamon-fetch-deadline");
        t.setDaemon(true);
        return t;
      });
  private final HttpClient client;
  private final AddressGuard guard;
  private final Duration timeout;
  private final long maxBytes;
  private final String userAgent;

  public HttpFetcher(AddressGuard guard, Duration timeout, long maxBytes, String userAgent) {
    this.guard = guard;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.userAgent = userAgent;
    // redirects are followed by hand so that every hop passes the address guard
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Validators of an earlier response: sent as If-None-Match and If-Modified-Since. */
  public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);
  }

  public Fetched get(URI uri) throws IngestException {
    return get(uri, Validators.NONE);
  }

  /**
   * A GET, conditional when validators are given (a 304 comes back as a {@link Fetched} with no body). Error
   * statuses throw {@link HttpStatusException}, with the Retry-After of a 429 or 503.
   */
  public Fetched get(URI uri, Validators validators) throws IngestException {
    URI current = uri;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      guard.check(current);
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw timedOut(current, null);
      }
      HttpRequest.Builder builder = HttpRequest.newBuilder(current)
          .timeout(Duration.ofNanos(left))
          .header("User-Agent", userAgent)
          .header("Accept-Encoding", "gzip, deflate")
          .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5")
          .GET();
      if (validators.etag() != null) {
        builder.header("If-None-Match", validators.etag());
      }
      if (validators.lastModified() != null) {
        builder.header("If-Modified-Since", validators.lastModified());
      }
      HttpRequest request = builder.build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (java.net.http.HttpTimeoutException e) {
        throw timedOut(current, e);
      } catch (IOException e) {
        throw new IngestException("ingest.fetch", "cannot fetch " + current + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IngestException("ingest.fetch", "interrupted fetching " + current, e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
        closeQuietly(response.body());
        current = current.resolve(response.headers().firstValue("Location").get().strip());
        continue;
      }
      String etag = response.headers().firstValue("ETag").orElse(null);
      String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
      if (status == 304) {
        closeQuietly(response.body());
        return new Fetched(current, status, null, new byte[0], etag, lastModified);
      }
      if (status >= 400) {
        closeQuietly(response.body());
        throw new HttpStatusException("HTTP " + status + " from " + current, status,
            RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now()).orElse(null));
      }
      byte[] body = read(response, current, deadline);
      return new Fetched(current, status, response.headers().firstValue("Content-Type").orElse(null), body, etag,
          lastModified);
    }
    throw new IngestException("ingest.fetch", "more than " + MAX_REDIRECTS + " redirects from " + uri);
  }

  private IngestException timedOut(URI uri, Throwable cause) {
    FetchDeadlineException e = new FetchDeadlineException("timed out after " + seconds(timeout));
    if (cause != null) {
      e.initCause(cause);
    }
    return new IngestException("ingest.fetch", "cannot fetch " + uri + ": " + e.getMessage(), e);
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private byte[] read(HttpResponse<InputStream> response, URI uri, long deadline) throws IngestException {
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > maxBytes) {
      closeQuietly(response.body());
      throw new IngestException("ingest.size", uri + " declares " + declared + " bytes, over the cap of " + maxBytes);
    }
    String encoding = response.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT);
    java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ScheduledFuture<?> closer = DEADLINES.schedule(() -> {
      expired.set(true);
      closeQuietly(response.body());
    }, Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
    try (InputStream raw = new CappedInputStream(response.body(), maxBytes, uri);
        InputStream in = encoding.contains("gzip") ? new GZIPInputStream(raw)
            : encoding.contains("deflate") ? new InflaterInputStream(raw) : raw) {
      return readCapped(in, maxBytes, uri);
    } catch (IOException e) {
      if (expired.get()) {
        throw timedOut(uri, e);
      }
      throw new IngestException(e instanceof SizeCapException ? "ingest.size" : "ingest.fetch",
          "cannot read " + uri + ": " + e.getMessage(), e);
    } finally {
      closer.cancel(false);
    }
  }

  /** Reads at most {@code cap} bytes; more is an error, so a decompression bomb stops at the cap. */
  static byte[] readCapped(InputStream in, long cap, URI uri) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > cap) {
        throw new SizeCapException(uri + " is larger than the cap of " + cap + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the connection is discarded either way
    }
  }

  static final class SizeCapException extends IOException {
    SizeCapException(String message) {
      super(message);
    }
  }

  /** Caps the bytes taken off the wire, before decompression. */
  private static final class CappedInputStream extends java.io.FilterInputStream {
    private final long cap;
    private final URI uri;
    private long count;

    CappedInputStream(InputStream in, long cap, URI uri) {
      super(in);
      this.cap = cap;
      this.uri = uri;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++count > cap) {
        throw new SizeCapException(uri + " sent more than the cap of " + cap + " bytes");
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && (count += n) > cap) {
        throw new SizeCapException(uri + " sent more than the cap of " + cap + " bytes");
      }
      return n;
    }
  }
}
