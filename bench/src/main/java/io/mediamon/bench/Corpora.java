package io.mediamon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

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

  /**
   * The article pages of both extraction corpora (Scrapinghub's, then Trafilatura's), in file-name order, at most
   * {@code count}: real HTML as publishers serve it.
   */
  static List<byte[]> articlePages(int count) throws IOException {
    List<byte[]> bodies = new ArrayList<>();
    for (String corpus : List.of("article-extraction-scrapinghub", "article-extraction-trafilatura")) {
      try (Stream<Path> files = Files.list(root().resolve(corpus).resolve("html"))) {
        for (Path f : files.sorted().toList()) {
          if (bodies.size() >= count) {
            return bodies;
          }
          try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            bodies.add(in.readAllBytes());
          }
        }
      }
    }
    return bodies;
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
