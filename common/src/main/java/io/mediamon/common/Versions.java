package io.mediamon.common;

/** The version of a component, from its jar manifest; "dev" when run from classes. */
public final class Versions {
  private Versions() {}

  public static String of(Class<?> type) {
    String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return version == null ? "0.1.0-dev" : version;
  }
}
