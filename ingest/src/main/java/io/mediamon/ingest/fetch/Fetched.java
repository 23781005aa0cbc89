package io.mediamon.ingest.fetch;

import java.net.URI;

/**
 * A fetched response.
 *
 * @param finalUri the URI after redirects
 * @param status HTTP status
 * @param contentType the Content-Type header, with parameters
 * @param body the decoded (gunzipped) body
 */
public record Fetched(URI finalUri, int status, String contentType, byte[] body) {

  /** Media type without parameters, lower-case; null when absent. */
  public String mediaType() {
    return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** The charset parameter of the Content-Type, or null. */
  public String charset() {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.toLowerCase(java.util.Locale.ROOT).startsWith("charset=")) {
        return p.substring(8).replace("\"", "").strip();
      }
    }
    return null;
  }
}
