package io.mediamon.enrich.extract;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the seed document from a module's working directory (surefire runs tests in the module folder). */
public final class SeedDocument {
  private SeedDocument() {}

  public static Path path() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path seed = dir.resolve("seeds/000_1d40934e40241a50.txt");
      if (Files.isRegularFile(seed)) {
        return seed;
      }
    }
    throw new IllegalStateException("seeds/000_1d40934e40241a50.txt not found above " + Path.of("").toAbsolutePath());
  }
}
