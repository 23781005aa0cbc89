package io.mediamon.enrich.dedup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One spelling per article URL, so copies of the same page under different URLs meet: lower-case scheme and host,
 * no {@code www.}/{@code m.}/{@code amp.} prefix, no default port, no fragment, no tracking parameters
 * ({@code utm_*}, {@code fbclid}, {@code gclid}, ...), sorted query, no trailing slash, no AMP path suffix, https.
 */
public final class UrlCanonicalizer {
  private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid",
      "mc_eid", "igshid", "yclid", "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "ncid", "ocid", "smid",
      "smtyp", "s", "src", "xtor", "at_medium", "at_campaign", "wt.mc_id", "mkt_tok", "share", "amp", "outputtype",
      "__twitter_impression", "spm", "feature", "rss", "taid", "CMP", "cmp");
  private static final Pattern TRACKING_PREFIX = Pattern.compile("^(utm_|at_|pk_|mtm_|hsa_|vero_|oly_).*", Pattern.CASE_INSENSITIVE);
  private static final Pattern AMP_SUFFIX = Pattern.compile("(/amp/?|\\.amp(\\.html)?|/amp\\.html)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern AMP_PREFIX = Pattern.compile("^/amp/", Pattern.CASE_INSENSITIVE);

  private static String normalisePath(String path) {
    path = AMP_PREFIX.matcher(path).replaceFirst("/");
    path = AMP_SUFFIX.matcher(path).replaceFirst("");
    path = path.replaceAll("/{2,}", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/index.html") || path.endsWith("/index.htm") || path.endsWith("/index.php")) {
      path = path.substring(0, path.lastIndexOf('/'));
    }
    return path.isEmpty() ? "/" : path;
  }

  /** The canonical form, or null when {@code url} is not an absolute http(s) URL. */
  public String canonicalize(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.strip().replace(" ", "%20"));
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      return null;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^(www\\d?|m|mobile|amp)\\.", "");
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    // until nothing changes: one pass over /amp/amp/ or /a/index.html/ leaves a form a second pass would change,
    // and a canonical form must be its own canonical form
    for (String previous = null; !path.equals(previous); ) {
      previous = path;
      path = normalisePath(path);
    }
    List<String> params = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!TRACKING.contains(name) && !TRACKING.contains(name.toLowerCase(Locale.ROOT))
            && !TRACKING_PREFIX.matcher(name).matches()) {
          params.add(pair);
        }
      }
    }
    params.sort(null);
    StringBuilder out = new StringBuilder("https://").append(host);
    if (port > 0 && port != 80 && port != 443) {
      out.append(':').append(port);
    }
    out.append(path);
    if (!params.isEmpty()) {
      out.append('?').append(String.join("&", params));
    }
    return out.toString();
  }
}
