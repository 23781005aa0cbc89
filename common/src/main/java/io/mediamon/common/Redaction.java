package io.mediamon.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what mediamon prints, logs, dead-letters and stores: values of keys whose name says they are
 * secret, the user and password of a URL ({@code https://user:pw@host/}), and the path and query of webhook URLs
 * (for Slack-style incoming webhooks the URL itself is the credential).
 */
public final class Redaction {
  /** What stands in for a hidden value. */
  public static final String HIDDEN = "[hidden]";

  /** Key names that hold credentials: Kafka's SASL and SSL settings, and any password, secret, token or API key. */
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(password|passwd|secret|token|jaas|sasl|credential|api[._-]?key|private[._-]?key|keystore[._-]key|"
          + "webhook[._-]?urls?)"
          + "([._-].*)?$");
  /** A URL's user information, wherever a URL appears in a text. */
  private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s@]+@");

  private Redaction() {}

  /** Whether a configuration key holds a credential whose value is never shown. */
  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  /** The value as it may be shown for {@code key}: hidden for secret keys, else without URL user information. */
  public static String value(String key, String value) {
    if (value == null) {
      return null;
    }
    return isSecretKey(key) ? HIDDEN : text(value);
  }

  /** A text with the user information of every URL in it removed. */
  public static String text(String text) {
    return text == null || text.indexOf('@') < 0 ? text : USER_INFO.matcher(text).replaceAll("$1");
  }

  /** A URL without its user information (one that does not parse is returned as {@link #text} makes it). */
  public static String url(String url) {
    return text(url);
  }

  /**
   * A webhook URL as logs and dead letters show it: scheme, host and port, the rest hidden
   * ({@code https://hooks.slack.com/[hidden]}), so an operator knows which receiver failed without learning its key.
   */
  public static String webhook(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return HIDDEN;
      }
      boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
          && uri.getRawQuery() == null;
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
          + (bare ? "/" : "/" + HIDDEN);
    } catch (URISyntaxException e) {
      return HIDDEN;
    }
  }
}
