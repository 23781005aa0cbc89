package io.mediamon.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The live progress line of {@code run --once} on a terminal: documents through enrich out of those ingested, what
 * they became, the rate and the time left, rewritten in place on stderr twice a second. Without a terminal (scripts,
 * tests, CI logs) it prints nothing, so stderr keeps only the summary line.
 */
final class Progress {
  private static final long EVERY_NANOS = Duration.ofMillis(500).toNanos();
  private final PrintWriter err;
  private final boolean enabled;
  private final long started = System.nanoTime();
  private long shownAt;
  private int width;

  Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /**
   * Whether stderr is a terminal someone watches: on Linux, where its descriptor leads (so {@code run --once >
   * events.jsonl} still shows progress); elsewhere, whether the JVM has a console.
   */
  static boolean onTerminal() {
    try {
      java.nio.file.Path stderr = java.nio.file.Path.of("/proc/self/fd/2");
      if (java.nio.file.Files.exists(stderr)) {
        String target = stderr.toRealPath().toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux, or no way to tell: fall back to the console
    }
    return System.console() != null;
  }

  void show(String phase, long done, long total, long events, long duplicates, long deadLetters) {
    long now = System.nanoTime();
    if (!enabled || now - shownAt < EVERY_NANOS) {
      return;
    }
    shownAt = now;
    double seconds = Math.max(0.001, (now - started) / 1e9);
    double rate = done / seconds;
    String eta = done == 0 || done >= total ? "" : String.format(Locale.ROOT, " · %s left",
        format(Duration.ofSeconds((long) ((total - done) / rate))));
    String line = String.format(Locale.ROOT, "mediamon: %s %,d/%,d (%,d events, %,d duplicates, %,d dead letters)"
        + " · %.1f docs/s%s", phase, done, total, events, duplicates, deadLetters, rate, eta);
    err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    err.flush();
    width = line.length();
  }

  /** Clears the line before the summary is printed. */
  void done() {
    if (enabled && width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
    }
  }

  private static String format(Duration d) {
    return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
  }
}
