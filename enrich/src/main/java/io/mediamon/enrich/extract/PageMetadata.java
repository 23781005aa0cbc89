package io.mediamon.enrich.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * Page metadata from, in order of trust: JSON-LD (schema.org Article types), OpenGraph/article meta, other meta
 * tags, {@code <time>} elements, and a date in the URL path. Dates are never taken from script strings other
 * than JSON-LD.
 */
final class PageMetadata {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting", "reportagenewsarticle",
      "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "webpage",
      "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle");
  // selectors parsed once: parsing one costs about as much as running it on a page
  private static final Evaluator CANONICAL = QueryParser.parse("link[rel=canonical]");
  private static final Evaluator HEADLINE = QueryParser.parse("article h1, main h1, h1");
  private static final Evaluator ITEM_NAME = QueryParser.parse("[itemprop=name]");
  private static final List<String> PUBLISHED_KEYS = List.of("article:published_time", "og:article:published_time",
      "datepublished", "publish-date", "publishdate", "pubdate", "dc.date.issued", "dc.date", "dcterms.created",
      "date", "sailthru.date", "parsely-pub-date", "article.published", "og:published_time");
  private static final List<String> MODIFIED_KEYS = List.of("article:modified_time", "og:updated_time",
      "datemodified", "dc.date.modified", "dcterms.modified", "last-modified", "article.updated", "modified");
  /** ISO time with an offset written without a colon ("+0200"), as many CMSs write it. */
  private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX");
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern LANGUAGE_SUBTAG = Pattern.compile("[-_]");
  /** "Headline - Site", "Site | Headline", "Site :: Headline", "Section » Headline". */
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|–—-]\\s+|\\s+::\\s+|\\s+»\\s+");
  private static final Pattern URL_DATE = Pattern.compile("/(20\\d{2}|19\\d{2})[/-](\\d{1,2})[/-](\\d{1,2})(?:/|$|-)");

  /** Characters from which a JSON-LD description is a text rather than a summary. */
  static final int LONG_DESCRIPTION = 400;

  String title;
  String siteName;
  String canonicalUrl;
  String language;
  Instant published;
  Instant modified;
  /** Absolute URL of the lead image the page names for sharing and search; images in the body are not read. */
  String leadImage;
  String articleBody;
  /**
   * A JSON-LD description long enough to be the text itself (a how-to, a recipe, a product rendered by script):
   * the text of last resort when the page's markup holds next to none.
   */
  String longDescription;
  final List<String> authors = new ArrayList<>();

  /**
   * The metadata of a page.
   *
   * @param today the day the page is read as of: a date in its text later than this is not its publication date
   */
  static PageMetadata of(Document doc, String baseUrl, LocalDate today) {
    PageMetadata m = new PageMetadata();
    Sources sources = Sources.of(doc);
    java.util.Map<String, String> metas = sources.metas;
    sources.jsonLd.forEach(m::readJsonLd);
    m.title = first(m.title, withoutSiteName(meta(metas, "og:title")), withoutSiteName(meta(metas, "twitter:title")));
    if (m.title == null) {
      m.title = first(headline(doc), titleTag(doc)); // a search of the whole page: only when the metadata has none
    }
    m.siteName = first(m.siteName, meta(metas, "og:site_name"), meta(metas, "application-name"));
    m.canonicalUrl = first(canonical(doc), meta(metas, "og:url"));
    Element root = doc.firstElementChild();
    m.language = first(root == null ? null : root.attr("lang"),
        meta(metas, "og:locale"), meta(metas, "content-language"), meta(metas, "dc.language"));
    if (m.language != null) {
      m.language = LANGUAGE_SUBTAG.split(m.language.toLowerCase(Locale.ROOT))[0];
      if (m.language.isBlank()) {
        m.language = null;
      }
    }
    m.published = first(m.published, metaTime(metas, PUBLISHED_KEYS), sources.time(false));
    m.modified = first(m.modified, metaTime(metas, MODIFIED_KEYS), sources.time(true));
    if (m.published == null) {
      m.published = textDate(doc, today);
    }
    if (m.published == null) {
      m.published = urlDate(first(m.canonicalUrl, baseUrl));
    }
    if (m.authors.isEmpty()) {
      for (String key : List.of("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author")) {
        String author = meta(metas, key);
        if (author != null && !author.startsWith("http")) {
          m.authors.add(cleanByline(author));
          break;
        }
      }
    }
    if (m.authors.isEmpty()) {
      m.authors.addAll(bylines(doc));
    }
    String image = first(meta(metas, "og:image"), meta(metas, "og:image:secure_url"), meta(metas, "og:image:url"),
        meta(metas, "twitter:image"), meta(metas, "twitter:image:src"), m.leadImage, meta(metas, "image"),
        meta(metas, "thumbnailurl"), sources.imageSrc);
    m.leadImage = image == null ? null : Links.resolve(first(baseUrl, doc.location()), image);
    return m;
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
      title = first(isPage ? null : text(node.get("headline")), title);
    }
    if (published == null) {
      published = parseTime(text(node.get("datePublished")));
    }
    if (modified == null) {
      modified = parseTime(text(node.get("dateModified")));
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
      return first(text(image.get("url")), text(image.get("contentUrl")));
    }
    return text(image);
  }

  private static Instant metaTime(java.util.Map<String, String> metas, List<String> keys) {
    for (String key : keys) {
      Instant time = parseTime(meta(metas, key));
      if (time != null) {
        return time;
      }
    }
    return null;
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

  static String meta(java.util.Map<String, String> metas, String key) {
    return metas.get(key.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The elements metadata is read from, found in one walk of the page: each selector of its own (meta tags, JSON-LD
   * scripts, {@code <time>}s) was a walk of the whole page.
   */
  private static final class Sources implements NodeVisitor {
    /** Every meta tag's content by its lower-cased name/property/itemprop/http-equiv; the first one wins. */
    final java.util.Map<String, String> metas = new java.util.HashMap<>();
    final List<Element> jsonLd = new ArrayList<>(2);
    /** {@code <time>} elements with a {@code datetime}, in page order. */
    final List<Element> times = new ArrayList<>(2);
    /** {@code <link rel=image_src>}: the lead image of pages written before OpenGraph. */
    String imageSrc;

    static Sources of(Document doc) {
      Sources s = new Sources();
      NodeTraversor.traverse(s, doc);
      return s;
    }

    @Override
    public void head(Node node, int depth) {
      if (!(node instanceof Element e)) {
        return;
      }
      switch (e.normalName()) {
        case "meta" -> addMeta(e);
        case "script" -> {
          if ("application/ld+json".equalsIgnoreCase(e.attr("type").strip())) {
            jsonLd.add(e);
          }
        }
        case "time" -> {
          if (e.hasAttr("datetime")) {
            times.add(e);
          }
        }
        case "link" -> {
          if (imageSrc == null && "image_src".equalsIgnoreCase(e.attr("rel").strip()) && !e.attr("href").isBlank()) {
            imageSrc = e.attr("href");
          }
        }
        default -> { }
      }
    }

    /**
     * The first {@code <time datetime>} that reads as a time: of the last modification ({@code itemprop=
     * dateModified}) or of anything else (publication).
     */
    Instant time(boolean modification) {
      for (Element time : times) {
        if ("datemodified".equalsIgnoreCase(time.attr("itemprop")) == modification) {
          Instant t = parseTime(time.attr("datetime"));
          if (t != null) {
            return t;
          }
        }
      }
      return null;
    }

    private void addMeta(Element e) {
      String name = e.hasAttr("property") ? e.attr("property") : e.hasAttr("name") ? e.attr("name")
          : e.hasAttr("itemprop") ? e.attr("itemprop") : e.attr("http-equiv");
      String v = e.attr("content").strip();
      if (!name.isEmpty() && !v.isEmpty()) {
        metas.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), v);
      }
    }
  }

  private static String headline(Document doc) {
    Element h1 = doc.selectFirst(HEADLINE);
    return h1 == null ? null : h1.text().strip();
  }

  private static String titleTag(Document doc) {
    return withoutSiteName(doc.title());
  }

  /** "Headline - Site Name" / "Site | Headline": keeps the longest part, which is the headline. */
  static String withoutSiteName(String title) {
    if (title == null) {
      return null;
    }
    String t = title.strip();
    if (t.isEmpty()) {
      return null;
    }
    String[] parts = TITLE_SEPARATOR.split(t);
    String best = parts[0];
    for (String p : parts) {
      if (p.length() > best.length()) {
        best = p;
      }
    }
    return best.strip();
  }

  private static String canonical(Document doc) {
    Element link = doc.head().selectFirst(CANONICAL);
    return link == null ? null : Links.absolute(link, "href");
  }

  static Instant parseTime(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return OffsetDateTime.parse(v, COMPACT_OFFSET).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return java.time.LocalDateTime.parse(v.length() > 19 ? v.substring(0, 19) : v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }

  static Instant urlDate(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL_DATE.matcher(url);
    if (!m.find()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
          .atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static final Pattern BYLINE_PREFIX = Pattern.compile(
      "(?iu)^(?:by|von|par|por|di|door|av|af|written by|texte?|text|autor(?:in)?|author)\\s*:?\\s+");
  private static final List<String> DATE_HINTS = List.of("date", "time", "publish", "posted", "datum", "fecha", "data");

  /** Byline elements: itemprop=author, rel=author, and elements whose class says byline or author. */
  static List<String> bylines(Document doc) {
    Set<String> names = new LinkedHashSet<>();
    List<Element> candidates = new ArrayList<>();
    // one pass with plain string tests, in document order: the equivalent selector, with its case-folded "class
    // contains" tests, cost more than the page's parse on pages without bylines
    java.util.ArrayDeque<Element> openBylines = new java.util.ArrayDeque<>(); // byline wrappers around the node
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (!(node instanceof Element e)) {
          return;
        }
        String cls = e.className();
        String lowerCls = cls.isEmpty() ? cls : cls.toLowerCase(Locale.ROOT);
        boolean byline = lowerCls.contains("byline");
        boolean isLink = "a".equals(e.normalName());
        if ((isLink && !openBylines.isEmpty()) || "author".equalsIgnoreCase(e.attr("itemprop"))
            || (isLink && "author".equalsIgnoreCase(e.attr("rel"))) || isBylineClass(e, lowerCls, byline)) {
          candidates.add(e);
        }
        if (byline) {
          openBylines.push(e);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node == openBylines.peek()) {
          openBylines.pop();
        }
      }
    }, doc);
    for (Element e : candidates) {
      Element named = e.selectFirst(ITEM_NAME);
      String name = cleanByline((named != null ? named : e).text());
      if (!name.isEmpty() && name.length() <= 60 && WHITE_SPACE.split(name).length <= 6 && !DIGIT.matcher(name).find()) {
        names.add(name);
      }
      if (names.size() >= 3) {
        break;
      }
    }
    return new ArrayList<>(names);
  }

  private static boolean isBylineClass(Element e, String lowerCls, boolean byline) {
    if (!byline && !lowerCls.contains("author")) {
      return false; // most elements; the exact class tests below are the slow ones
    }
    return e.hasClass("byline") || e.hasClass("author") || e.hasClass("author-name") || e.hasClass("byline-name")
        || lowerCls.contains("author-name");
  }

  private static boolean mentionsAny(String text, List<String> lowerCaseWords) {
    if (text.isEmpty()) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String word : lowerCaseWords) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  static String cleanByline(String raw) {
    return WHITE_SPACE.matcher(BYLINE_PREFIX.matcher(raw.strip()).replaceFirst("")).replaceAll(" ").strip();
  }

  /**
   * A date written out in an element whose class or id speaks of dates ("25. August 2015", "March 3, 2019"), read
   * with the dateline parser's month names in six languages.
   */
  static Instant textDate(Document doc, LocalDate today) {
    Instant[] found = new Instant[1];
    int[] checked = new int[1];
    NodeTraversor.filter(new org.jsoup.select.NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e) || !"time".equals(e.normalName()) && !mentionsAny(e.className(), DATE_HINTS)
            && !mentionsAny(e.id(), DATE_HINTS)) {
          return FilterResult.CONTINUE;
        }
        String text = e.text();
        if (text.length() > 80 || text.isBlank()) {
          return FilterResult.CONTINUE;
        }
        if (++checked[0] > 40) {
          return FilterResult.STOP;
        }
        found[0] = dateIn(text, today);
        return found[0] != null ? FilterResult.STOP : FilterResult.CONTINUE;
      }
    }, doc);
    return found[0];
  }

  private static Instant dateIn(String text, LocalDate today) {
    Matcher m = TEXT_DATE.matcher(text);
    if (!m.find()) {
      return null;
    }
    LocalDate date = DatelineParser.parseDate(WHITE_SPACE.matcher(m.group().replace(",", ", ")).replaceAll(" ").strip()
        .replace(" ,", ","), today);
    return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static final Pattern TEXT_DATE = Pattern.compile(
      "\\d{1,2}\\.?\\s+(?:de\\s+)?\\p{L}{3,10}\\.?(?:\\s+(?:de\\s+)?\\d{4})|\\p{L}{3,10}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
          + "|\\d{1,2}[./]\\d{1,2}[./]\\d{4}");

  @SafeVarargs
  static <T> T first(T... values) {
    for (T v : values) {
      if (v != null && !(v instanceof String s && s.isBlank())) {
        return v;
      }
    }
    return null;
  }
}
