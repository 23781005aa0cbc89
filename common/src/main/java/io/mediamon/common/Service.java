package io.mediamon.common;

/**
 * What every long-running part of mediamon is to the command that runs it (ingest's poller, enrich, the lake sink,
 * the alerts service, the metrics endpoint, the web app): started, ready, stopped. The command starts them in order
 * and closes them in the reverse order, whatever each does inside.
 */
public interface Service extends AutoCloseable {
  /** Starts the service's work on its own threads and returns at once. */
  void start();

  /** Whether the service is doing its work (its threads run, it has joined its group, it serves). */
  boolean ready();

  /** Stops the work, waits (bounded) until it has ended, and releases what the service holds; safe to call twice. */
  @Override
  void close();
}
