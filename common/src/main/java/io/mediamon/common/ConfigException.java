package io.mediamon.common;

/**
 * A configuration value that is missing or does not parse; the message names the key, value and origin, the value
 * hidden when the key holds a credential ({@link Redaction}).
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String value, String origin, String problem) {
    super(Redaction.text("configuration " + key + (value == null ? "" : "=" + Redaction.value(key, value)) + " (from "
        + origin + "): " + problem));
  }
}
