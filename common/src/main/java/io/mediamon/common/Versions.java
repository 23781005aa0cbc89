package io.mediamon.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of a component: its jar manifest's, else the release the build wrote into
 * {@code mediamon-version.properties} (code run from classes, as in tests).
 */
public final class Versions {
  private static final String RELEASE = release();

  private Versions() {}

  public static String of(Class<?> type) {
    String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return version == null ? RELEASE : version;
  }

  /** The release of this build (e.g. 0.2.0). */
  public static String release() {
    try (InputStream in = Versions.class.getResourceAsStream("/mediamon-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
