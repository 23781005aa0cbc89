package io.mediamon.common;

/** A configuration value that is missing or does not parse; the message names the key, value and origin. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String value, String origin, String problem) {
    super("configuration " + key + (value == null ? "" : "=" + value) + " (from " + origin + "): " + problem);
  }
}
