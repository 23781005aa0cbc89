package io.mediamon.common;

/**
 * A {@link Service} whose work is one loop on its own {@link ServiceThread}: started, ready while the loop runs, and
 * closed by stopping the loop and waiting for it. Implementations only say which thread.
 */
public interface LoopService extends Service {
  /** The thread the service's loop runs on. */
  ServiceThread loopThread();

  @Override
  default void start() {
    loopThread().start();
  }

  @Override
  default boolean ready() {
    return loopThread().running();
  }

  @Override
  default void close() {
    loopThread().stop();
  }
}
