package io.mediamon.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared third-party corpora are: {@code ../shared/corpora} next to the repository, or MEDIAMON_CORPORA. */
final class Corpora {
  private Corpora() {}

  static Path root() {
    String env = System.getenv("MEDIAMON_CORPORA");
    Path path = env != null ? Path.of(env) : Path.of("..", "shared", "corpora");
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("corpora not found at " + path.toAbsolutePath() + " (set MEDIAMON_CORPORA)");
    }
    return path;
  }

  static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
