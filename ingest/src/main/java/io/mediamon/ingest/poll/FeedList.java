package io.mediamon.ingest.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mediamon.common.ConfigException;
import io.mediamon.schemas.DocumentKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feed lists: OPML (what every feed reader exports: {@code <outline type="rss" xmlUrl="...">}, nested outlines
 * allowed) or YAML ({@code feeds: [{url, title, type, interval, country, language, outlet, articles, kind}]}). A
 * sitemap (Google News sitemap or sitemap index) is listed the same way with {@code type: sitemap} in YAML or
 * {@code type="sitemap"} in OPML. Per-feed
 * settings in OPML are attributes, with or without a {@code mediamon:} prefix: {@code interval="10m" country="NE"
 * language="fr" outlet="Lomé Actu" articles="auto|always|never" kind="article|post"}; other attributes of that
 * kind become tags. Two spellings of one URL are one feed (the first wins).
 */
public final class FeedList {
  private static final Logger LOG = LoggerFactory.getLogger(FeedList.class);
  private static final List<String> OPML_STANDARD = List.of("type", "text", "title", "xmlurl", "htmlurl", "description",
      "version", "language", "created", "category", "url");
  private static final List<String> SETTINGS = List.of("interval", "articles", "kind");

  private FeedList() {}

  public static List<FeedSpec> load(Path file, Duration defaultInterval) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("ingest.feeds", file.toString(), "feed list", "cannot be read: " + e.getMessage());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<Map<String, String>> entries = name.endsWith(".yaml") || name.endsWith(".yml") ? yaml(text, file) : opml(text);
    Map<String, FeedSpec> feeds = new LinkedHashMap<>();
    for (Map<String, String> entry : entries) {
      FeedSpec spec = spec(entry, defaultInterval, file);
      FeedSpec earlier = feeds.putIfAbsent(spec.key(), spec);
      if (earlier != null) {
        LOG.info("feed {} is listed twice ({} and {}); polled once", spec.key(), earlier.url(), spec.url());
      }
    }
    return new ArrayList<>(feeds.values());
  }

  private static List<Map<String, String>> opml(String text) {
    Document doc = Jsoup.parse(text, "", Parser.xmlParser());
    List<Map<String, String>> entries = new ArrayList<>();
    for (Element outline : doc.select("outline")) {
      Map<String, String> attrs = new TreeMap<>();
      for (Attribute a : outline.attributes()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        attrs.put(key.startsWith("mediamon:") ? key.substring(9) : key, a.getValue());
      }
      if (attrs.containsKey("xmlurl")) {
        attrs.put("url", attrs.remove("xmlurl"));
        attrs.putIfAbsent("title", attrs.get("text"));
        entries.add(attrs);
      }
    }
    return entries;
  }

  private static List<Map<String, String>> yaml(String text, Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      throw new ConfigException("ingest.feeds", file.toString(), "feed list", "is not valid YAML: " + e.getMessage());
    }
    JsonNode list = root != null && root.has("feeds") ? root.get("feeds") : root;
    if (list == null || !list.isArray()) {
      throw new ConfigException("ingest.feeds", file.toString(), "feed list", "must be a YAML list of feeds, or have one under 'feeds'");
    }
    List<Map<String, String>> entries = new ArrayList<>();
    for (JsonNode node : list) {
      Map<String, String> attrs = new TreeMap<>();
      if (node.isTextual()) {
        attrs.put("url", node.asText());
      } else {
        node.fields().forEachRemaining(f -> attrs.put(f.getKey().toLowerCase(Locale.ROOT), f.getValue().asText()));
      }
      entries.add(attrs);
    }
    return entries;
  }

  private static FeedSpec spec(Map<String, String> attrs, Duration defaultInterval, Path file) {
    String raw = attrs.getOrDefault("url", "").strip();
    URI url;
    try {
      url = URI.create(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ingest.feeds", raw, file.toString(), "is not a URL: " + e.getMessage());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigException("ingest.feeds", raw, file.toString(), "feeds must be http or https URLs");
    }
    Duration interval = attrs.containsKey("interval") ? parseDuration(attrs.get("interval"), file) : defaultInterval;
    Map<String, String> tags = new TreeMap<>();
    attrs.forEach((k, v) -> {
      if (!OPML_STANDARD.contains(k) && !SETTINGS.contains(k) && !v.isBlank()) {
        tags.put(k, v.strip());
      }
    });
    if (attrs.containsKey("language") && !attrs.get("language").isBlank()) {
      tags.put("language", attrs.get("language").strip());
    }
    if (attrs.containsKey("category") && !attrs.get("category").isBlank()) {
      tags.put("category", attrs.get("category").strip());
    }
    FeedSpec.ArticleMode articles = choice(FeedSpec.ArticleMode.class, attrs.getOrDefault("articles", "auto"), file);
    DocumentKind kind = attrs.containsKey("kind") ? choice(DocumentKind.class, attrs.get("kind"), file)
        : FeedSpec.guessKind(url);
    FeedSpec.SourceType type = "sitemap".equalsIgnoreCase(attrs.getOrDefault("type", "").strip())
        ? FeedSpec.SourceType.SITEMAP : FeedSpec.SourceType.FEED;
    return new FeedSpec(url, FeedSpec.normalise(url), attrs.get("title"), interval, Map.copyOf(tags), articles, kind,
        type);
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String value, Path file) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ingest.feeds", value, file.toString(),
          "must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
  }

  private static Duration parseDuration(String text, Path file) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
      return switch (t.replaceAll("^[0-9]+", "")) {
        case "s" -> Duration.ofSeconds(n);
        case "m", "" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> throw new NumberFormatException(t);
      };
    } catch (NumberFormatException e) {
      throw new ConfigException("ingest.feeds", text, file.toString(), "interval must look like 90s, 15m, 1h or 1d");
    }
  }
}
