package io.mediamon.enrich.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Page metadata from, in order of trust: JSON-LD (schema.org Article types), OpenGraph/article meta, other meta
 * tags, {@code <time>} elements, and a date in the URL path. Dates are never taken from script strings other
 * than JSON-LD. Read by small readers over one walk of the page ({@link PageSources}): {@link JsonLdReader},
 * meta tags, {@link PageTimes} (as of an explicit day), {@link Bylines}; URLs through {@link Links}.
 *
 * @param leadImage absolute URL of the lead image the page names for sharing and search; images in the body are not
 *     read
 * @param longDescription a JSON-LD description long enough to be the text itself (a how-to, a recipe, a product
 *     rendered by script): the text of last resort when the page's markup holds next to none
 */
record PageMetadata(String title, String siteName, String canonicalUrl, String language, Instant published,
    Instant modified, String leadImage, String articleBody, String longDescription, List<String> authors) {
  // selectors parsed once: parsing one costs about as much as running it on a page
  private static final Evaluator CANONICAL = QueryParser.parse("link[rel=canonical]");
  private static final Evaluator HEADLINE = QueryParser.parse("article h1, main h1, h1");
  private static final Pattern LANGUAGE_SUBTAG = Pattern.compile("[-_]");
  /** "Headline - Site", "Site | Headline", "Site :: Headline", "Section » Headline". */
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|–—-]\\s+|\\s+::\\s+|\\s+»\\s+");

  /**
   * The metadata of a page.
   *
   * @param today the day the page is read as of: a date in its text later than this is not its publication date
   */
  static PageMetadata of(Document doc, String baseUrl, LocalDate today) {
    PageSources sources = PageSources.of(doc);
    Map<String, String> metas = sources.metas;
    JsonLdReader.JsonLd jsonLd = JsonLdReader.read(sources.jsonLd);
    String title = first(jsonLd.title(), withoutSiteName(meta(metas, "og:title")),
        withoutSiteName(meta(metas, "twitter:title")));
    if (title == null) {
      title = first(headline(doc), titleTag(doc)); // a search of the whole page: only when the metadata has none
    }
    String siteName = first(jsonLd.siteName(), meta(metas, "og:site_name"), meta(metas, "application-name"));
    String canonicalUrl = first(canonical(doc), meta(metas, "og:url"));
    Element root = doc.firstElementChild();
    String language = first(root == null ? null : root.attr("lang"),
        meta(metas, "og:locale"), meta(metas, "content-language"), meta(metas, "dc.language"));
    if (language != null) {
      language = LANGUAGE_SUBTAG.split(language.toLowerCase(Locale.ROOT))[0];
      if (language.isBlank()) {
        language = null;
      }
    }
    Instant published = first(jsonLd.published(), PageTimes.metaTime(metas, PageTimes.PUBLISHED_KEYS),
        sources.time(false));
    Instant modified = first(jsonLd.modified(), PageTimes.metaTime(metas, PageTimes.MODIFIED_KEYS), sources.time(true));
    if (published == null) {
      published = PageTimes.textDate(doc, today);
    }
    if (published == null) {
      published = PageTimes.urlDate(first(canonicalUrl, baseUrl));
    }
    List<String> authors = new ArrayList<>(jsonLd.authors());
    if (authors.isEmpty()) {
      for (String key : List.of("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author")) {
        String author = meta(metas, key);
        if (author != null && !author.startsWith("http")) {
          authors.add(Bylines.cleanByline(author));
          break;
        }
      }
    }
    if (authors.isEmpty()) {
      authors.addAll(Bylines.bylines(doc));
    }
    String image = first(meta(metas, "og:image"), meta(metas, "og:image:secure_url"), meta(metas, "og:image:url"),
        meta(metas, "twitter:image"), meta(metas, "twitter:image:src"), jsonLd.leadImage(), meta(metas, "image"),
        meta(metas, "thumbnailurl"), sources.imageSrc);
    String leadImage = image == null ? null : Links.resolve(first(baseUrl, doc.location()), image);
    return new PageMetadata(title, siteName, canonicalUrl, language, published, modified, leadImage,
        jsonLd.articleBody(), jsonLd.longDescription(), List.copyOf(authors));
  }

  static String meta(Map<String, String> metas, String key) {
    return metas.get(key.toLowerCase(Locale.ROOT));
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
