package io.mediamon.enrich.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The elements metadata is read from, found in one walk of the page: each selector of its own (meta tags, JSON-LD
 * scripts, {@code <time>}s) was a walk of the whole page.
 */
final class PageSources implements NodeVisitor {
  /** Every meta tag's content by its lower-cased name/property/itemprop/http-equiv; the first one wins. */
  final java.util.Map<String, String> metas = new java.util.HashMap<>();
  final List<Element> jsonLd = new ArrayList<>(2);
  /** {@code <time>} elements with a {@code datetime}, in page order. */
  final List<Element> times = new ArrayList<>(2);
  /** {@code <link rel=image_src>}: the lead image of pages written before OpenGraph. */
  String imageSrc;

  static PageSources of(Document doc) {
    PageSources s = new PageSources();
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
        Instant t = PageTimes.parseTime(time.attr("datetime"));
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
