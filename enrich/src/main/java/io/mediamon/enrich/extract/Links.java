package io.mediamon.enrich.extract;

import java.net.MalformedURLException;
import java.net.URL;
import org.jsoup.nodes.Element;

/** The one way extraction makes a page's URLs absolute (links in the text, canonical URLs, lead images). */
final class Links {
  private Links() {}

  /**
   * An element's URL attribute made absolute against the page's base; as written when it is absolute already (most
   * are, and resolving one is not cheap) or cannot be resolved.
   */
  static String absolute(Element element, String attribute) {
    String raw = element.attr(attribute).strip();
    if (raw.startsWith("https://") || raw.startsWith("http://")) {
      return raw;
    }
    String resolved = element.absUrl(attribute);
    return resolved.isEmpty() ? raw : resolved;
  }

  /** A URL as written in the page (metadata, JSON-LD) made absolute against the page's own. */
  static String resolve(String base, String url) {
    String u = url.strip();
    if (u.startsWith("https://") || u.startsWith("http://") || base == null || base.isEmpty()) {
      return u;
    }
    try {
      return new URL(new URL(base), u).toExternalForm();
    } catch (MalformedURLException e) {
      return u;
    }
  }
}
