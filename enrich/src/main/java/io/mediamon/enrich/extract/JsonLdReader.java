package io.mediamon.enrich.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * What a page's JSON-LD says of its article (schema.org Article types): headline, times, lead image, authors,
 * publisher, the article body, and a description long enough to be the text. One reader per page; broken JSON-LD,
 * common, is skipped.
 */
final class JsonLdReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting", "reportagenewsarticle",
      "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "webpage",
      "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle");
  /** Characters from which a JSON-LD description is a text rather than a summary. */
  static final int LONG_DESCRIPTION = 400;

  /** What the JSON-LD of a page holds; null where it says nothing. */
  record JsonLd(String title, String siteName, Instant published, Instant modified, String leadImage,
      String articleBody, String longDescription, List<String> authors) {}

  private String title;
  private String siteName;
  private Instant published;
  private Instant modified;
  private String leadImage;
  private String articleBody;
  private String longDescription;
  private final List<String> authors = new ArrayList<>();

  private JsonLdReader() {}

  static JsonLd read(List<Element> scripts) {
    JsonLdReader reader = new JsonLdReader();
    scripts.forEach(reader::readJsonLd);
    return new JsonLd(reader.title, reader.siteName, reader.published, reader.modified, reader.leadImage,
        reader.articleBody, reader.longDescription, List.copyOf(reader.authors));
  }

  private void readJsonLd(Element script) {
    try {
      readJsonLdNode(JSON.readTree(script.data()), 0);
    } catch (Exception e) {
      // broken JSON-LD is common; the other metadata sources still apply
    }
  }

  private void readJsonLdNode(JsonNode node, int depth) {
    if (node == null || depth > 5) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> readJsonLdNode(n, depth + 1));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.has("@graph")) {
      readJsonLdNode(node.get("@graph"), depth + 1);
    }
    if (longDescription == null && node.has("@type")) {
      String description = text(node.get("description"));
      if (description != null && description.length() >= LONG_DESCRIPTION) {
        longDescription = description;
      }
    }
    if (!isArticleType(node.get("@type"))) {
      return;
    }
    boolean isPage = "webpage".equals(typeName(node.get("@type")));
    if (!isPage || title == null) {
      title = PageMetadata.first(isPage ? null : text(node.get("headline")), title);
    }
    if (published == null) {
      published = PageTimes.parseTime(text(node.get("datePublished")));
    }
    if (modified == null) {
      modified = PageTimes.parseTime(text(node.get("dateModified")));
    }
    if (leadImage == null) {
      leadImage = jsonLdImage(node.get("image"), 0);
    }
    if (articleBody == null && !isPage) {
      articleBody = text(node.get("articleBody"));
    }
    if (authors.isEmpty() && !isPage) {
      JsonNode author = node.get("author");
      Set<String> names = new LinkedHashSet<>();
      if (author != null) {
        for (JsonNode a : author.isArray() ? author : List.of(author)) {
          String name = a.isTextual() ? a.asText() : text(a.get("name"));
          if (name != null && !name.isBlank() && !name.startsWith("http")) {
            names.add(name.strip());
          }
        }
      }
      authors.addAll(names);
    }
    JsonNode publisher = node.get("publisher");
    if (siteName == null && publisher != null && publisher.isObject()) {
      siteName = text(publisher.get("name"));
    }
  }

  /** A schema.org image: a URL, an ImageObject ({@code url}, {@code contentUrl}) or a list of either. */
  private static String jsonLdImage(JsonNode image, int depth) {
    if (image == null || depth > 2) {
      return null;
    }
    if (image.isArray()) {
      return image.size() == 0 ? null : jsonLdImage(image.get(0), depth + 1);
    }
    if (image.isObject()) {
      return PageMetadata.first(text(image.get("url")), text(image.get("contentUrl")));
    }
    return text(image);
  }

  private static boolean isArticleType(JsonNode type) {
    if (type == null) {
      return false;
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (ARTICLE_TYPES.contains(t.asText().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
      return false;
    }
    return ARTICLE_TYPES.contains(type.asText().toLowerCase(Locale.ROOT));
  }

  private static String typeName(JsonNode type) {
    return type == null ? "" : (type.isArray() && type.size() > 0 ? type.get(0) : type).asText().toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

}
