package io.mediamon.enrich.tag;

import io.mediamon.schemas.LinkedPost;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises links to social posts and gives each one a normalised identity: the platform, the post id, the
 * author where the URL names one, a canonical URL without tracking parameters, and the posting time where the id
 * encodes it (X snowflakes, Mastodon ids, Bluesky TIDs, TikTok ids).
 */
public final class LinkedPostParser {
  /** Milliseconds of the X/Twitter snowflake epoch (2010-11-04T01:42:54.657Z). */
  static final long TWITTER_EPOCH_MS = 1288834974657L;
  /** Ids below this predate snowflakes (November 2010) and carry no time. */
  private static final long FIRST_SNOWFLAKE = 29_700_859_247L;
  private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2006-03-21T00:00:00Z");
  private static final String TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

  private static final Pattern X_PATH = Pattern.compile("^/(?:(?<user>[A-Za-z0-9_]{1,50})|i/web|i)/status(?:es)?/(?<id>\\d{1,20})(?:/.*)?$");
  private static final Pattern MASTODON_PATH = Pattern.compile("^/@(?<user>[A-Za-z0-9_.]{1,64}(?:@[A-Za-z0-9.-]+)?)/(?<id>\\d{6,20})/?$");
  private static final Pattern MASTODON_USERS_PATH = Pattern.compile("^/users/(?<user>[A-Za-z0-9_.]{1,64})/statuses/(?<id>\\d{6,20})/?$");
  private static final Pattern BLUESKY_PATH = Pattern.compile("^/profile/(?<user>[A-Za-z0-9.:_-]{1,253})/post/(?<id>[2-7a-z]{13})/?$");
  private static final Pattern TELEGRAM_PATH = Pattern.compile("^/(?:s/)?(?<user>[A-Za-z][A-Za-z0-9_]{3,64})/(?<id>\\d{1,12})/?$");
  private static final Pattern YOUTUBE_PATH = Pattern.compile("^/(?:shorts|live|embed|v)/(?<id>[A-Za-z0-9_-]{11})(?:[/?].*)?$");
  private static final Pattern YOUTU_BE_PATH = Pattern.compile("^/(?<id>[A-Za-z0-9_-]{11})/?$");
  private static final Pattern FACEBOOK_POST_PATH = Pattern.compile("^/(?<user>[A-Za-z0-9.\\-]{1,80})/(?:posts|videos|photos/[^/]+)/(?<id>[A-Za-z0-9]{5,40})/?$");
  private static final Pattern FACEBOOK_SHARE_PATH = Pattern.compile("^/share/(?:p|v|r)/(?<id>[A-Za-z0-9]{5,40})/?$");
  private static final Pattern INSTAGRAM_PATH = Pattern.compile("^/(?:(?<user>[A-Za-z0-9_.]{1,30})/)?(?:p|reel|reels|tv)/(?<id>[A-Za-z0-9_-]{5,40})/?$");
  private static final Pattern TIKTOK_PATH = Pattern.compile("^/@(?<user>[A-Za-z0-9_.]{1,40})/(?:video|photo)/(?<id>\\d{10,20})/?$");

  /** The linked post a URL points to, if it points to one. */
  public Optional<LinkedPost> parse(String url) {
    URI uri;
    try {
      uri = new URI(url.strip().replace(" ", "%20"));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (uri.getHost() == null || uri.getRawPath() == null) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^(www|m|mobile|web)\\.", "");
    String path = uri.getPath();
    Map<String, String> query = query(uri.getRawQuery());
    Matcher m;

    if (isXHost(host) && (m = X_PATH.matcher(path)).matches()) {
      String id = m.group("id");
      String user = m.group("user");
      return post("x", id, user, user == null ? "https://x.com/i/status/" + id : "https://x.com/" + user + "/status/" + id,
          snowflakeTime(id));
    }
    if (host.equals("bsky.app") && (m = BLUESKY_PATH.matcher(path)).matches()) {
      String user = m.group("user");
      String id = m.group("id");
      return post("bluesky", id, user, "https://bsky.app/profile/" + user + "/post/" + id, tidTime(id));
    }
    if ((host.equals("t.me") || host.equals("telegram.me")) && (m = TELEGRAM_PATH.matcher(path)).matches()) {
      String user = m.group("user");
      return post("telegram", user + "/" + m.group("id"), user, "https://t.me/" + user + "/" + m.group("id"), null);
    }
    if (host.equals("youtube.com") || host.equals("music.youtube.com") || host.equals("youtube-nocookie.com")) {
      String id = path.equals("/watch") ? query.get("v") : null;
      if (id == null && (m = YOUTUBE_PATH.matcher(path)).matches()) {
        id = m.group("id");
      }
      if (id != null && id.matches("[A-Za-z0-9_-]{11}")) {
        return post("youtube", id, null, "https://www.youtube.com/watch?v=" + id, null);
      }
      return Optional.empty();
    }
    if (host.equals("youtu.be") && (m = YOUTU_BE_PATH.matcher(path)).matches()) {
      return post("youtube", m.group("id"), null, "https://www.youtube.com/watch?v=" + m.group("id"), null);
    }
    if (host.equals("facebook.com") || host.equals("fb.com")) {
      return facebook(path, query);
    }
    if (host.equals("instagram.com") && (m = INSTAGRAM_PATH.matcher(path)).matches()) {
      String id = m.group("id");
      return post("instagram", id, m.group("user"), "https://www.instagram.com/p/" + id + "/", null);
    }
    if (host.equals("tiktok.com") && (m = TIKTOK_PATH.matcher(path)).matches()) {
      String id = m.group("id");
      String user = m.group("user");
      return post("tiktok", id, user, "https://www.tiktok.com/@" + user + "/video/" + id, tiktokTime(id));
    }
    if (!isKnownNonMastodon(host)) {
      // Mastodon runs on thousands of instances: recognised by its URL shape, on any host
      m = MASTODON_PATH.matcher(path);
      if (!m.matches()) {
        m = MASTODON_USERS_PATH.matcher(path);
      }
      if (m.matches()) {
        String user = m.group("user");
        String id = m.group("id");
        String author = user.contains("@") ? user : user + "@" + host;
        return post("mastodon", host + "/" + id, author, "https://" + host + "/@" + user + "/" + id, mastodonTime(id));
      }
    }
    return Optional.empty();
  }

  private Optional<LinkedPost> facebook(String path, Map<String, String> query) {
    Matcher m = FACEBOOK_POST_PATH.matcher(path);
    if (m.matches()) {
      String user = m.group("user");
      return post("facebook", m.group("id"), user, "https://www.facebook.com/" + user + "/posts/" + m.group("id"), null);
    }
    if ((m = FACEBOOK_SHARE_PATH.matcher(path)).matches()) {
      return post("facebook", m.group("id"), null, "https://www.facebook.com" + path, null);
    }
    if ((path.equals("/permalink.php") || path.equals("/story.php")) && query.containsKey("story_fbid")) {
      String id = query.get("story_fbid");
      String owner = query.get("id");
      return post("facebook", id, owner, "https://www.facebook.com/permalink.php?story_fbid=" + id
          + (owner == null ? "" : "&id=" + owner), null);
    }
    if (path.equals("/watch") && query.containsKey("v")) {
      return post("facebook", query.get("v"), null, "https://www.facebook.com/watch?v=" + query.get("v"), null);
    }
    return Optional.empty();
  }

  private static boolean isXHost(String host) {
    return host.equals("x.com") || host.equals("twitter.com") || host.equals("fxtwitter.com")
        || host.equals("vxtwitter.com") || host.equals("fixupx.com") || host.equals("fixvx.com")
        || host.equals("twittpr.com") || host.equals("xcancel.com") || host.startsWith("nitter.")
        || host.contains(".nitter.") || host.startsWith("nitter");
  }

  private static boolean isKnownNonMastodon(String host) {
    return host.equals("medium.com") || host.endsWith(".medium.com") || host.equals("tiktok.com")
        || host.equals("youtube.com") || host.equals("threads.net") || host.equals("threads.com")
        || host.equals("substack.com") || host.equals("vimeo.com");
  }

  private static Optional<LinkedPost> post(String platform, String id, String author, String url, Instant postedAt) {
    return Optional.of(LinkedPost.newBuilder().setPlatform(platform).setPostId(id).setAuthor(author).setUrl(url)
        .setPostedAt(postedAt).build());
  }

  /** X/Twitter snowflake: milliseconds since the Twitter epoch in the bits above the low 22. */
  static Instant snowflakeTime(String id) {
    long value = parseUnsigned(id);
    if (value < FIRST_SNOWFLAKE) {
      return null;
    }
    return plausible(Instant.ofEpochMilli((value >>> 22) + TWITTER_EPOCH_MS));
  }

  /** Mastodon ids: milliseconds since the Unix epoch in the bits above the low 16. */
  static Instant mastodonTime(String id) {
    long value = parseUnsigned(id);
    return value < (1L << 16) ? null : plausible(Instant.ofEpochMilli(value >>> 16));
  }

  /** TikTok ids: seconds since the Unix epoch in the high 32 bits. */
  static Instant tiktokTime(String id) {
    long value = parseUnsigned(id);
    return value <= 0 ? null : plausible(Instant.ofEpochSecond(value >>> 32));
  }

  /** Bluesky/AT Protocol TID: 13 base32-sortable chars; microseconds since the epoch above the low 10 bits. */
  static Instant tidTime(String tid) {
    long value = 0;
    for (char c : tid.toCharArray()) {
      int digit = TID_ALPHABET.indexOf(c);
      if (digit < 0) {
        return null;
      }
      value = (value << 5) | digit;
    }
    long micros = value >>> 10;
    return plausible(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000));
  }

  private static Instant plausible(Instant t) {
    // ids on sites that only look like a platform decode to nonsense times; better no time than a wrong one.
    // Platforms show posting times to the second; the sub-second bits are sequencing noise.
    return t.isBefore(EARLIEST_PLAUSIBLE) || t.isAfter(Instant.now().plusSeconds(86_400)) ? null
        : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static long parseUnsigned(String id) {
    try {
      return Long.parseUnsignedLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, String> query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, String> map = new java.util.HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        map.putIfAbsent(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return map;
  }
}
