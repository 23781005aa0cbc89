package io.mediamon.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared third-party corpora ({@code ../shared/corpora} next to the repository), looked up from the working
 * directory upwards so that tests find them from a module directory as well as from the repository root.
 */
public final class SharedCorpora {
  private SharedCorpora() {}

  /** The corpora directory that holds {@code corpus}, or null when the shared material is not present. */
  public static Path find(String corpus) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("corpora");
      if (Files.isDirectory(candidate.resolve(corpus))) {
        return candidate;
      }
    }
    return null;
  }
}
