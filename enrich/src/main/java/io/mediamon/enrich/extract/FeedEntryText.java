package io.mediamon.enrich.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of a feed entry's content or summary: an HTML fragment (or plain text with entities), not a page, so
 * there is no container to search for. Tags are stripped, block elements and line breaks become paragraph breaks,
 * links are kept for linked posts, and the trailers blog engines append ("The post … appeared first on …",
 * "Continue reading", "[…]") are dropped.
 */
public final class FeedEntryText {
  private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
      "h6", "blockquote", "pre", "table", "tr", "section", "article", "figure", "figcaption", "dd", "dt", "hr",
      "header", "footer", "aside");
  private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "iframe", "object", "embed",
      "svg", "form", "button", "template");
  private static final Pattern TRAILER = Pattern.compile(
      "(?i)^(the post .+ appeared first on .+|continue reading.*|read more.*|read the full (story|article).*"
          + "|lire la suite.*|weiterlesen.*|leer más.*|\\[?(…|\\.\\.\\.)\\]?|\\(more…?\\)|comments)$");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
  private final DatelineParser datelines = new DatelineParser();

  /**
   * Extraction from an entry's own text.
   *
   * @param fragment the entry's content or summary, HTML or plain text
   * @param baseUrl the entry's link, to resolve relative links; may be null
   * @param title the entry's title; may be null
   * @param reference the entry's publication time; may be null
   */
  public Extraction extract(String fragment, String baseUrl, String title, Instant reference) {
    Document doc = baseUrl == null ? Jsoup.parseBodyFragment(fragment) : Jsoup.parseBodyFragment(fragment, baseUrl);
    List<String> paragraphs = new ArrayList<>();
    Set<String> links = new LinkedHashSet<>();
    StringBuilder current = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      int skipping;

      @Override
      public void head(Node node, int depth) {
        if (node instanceof Element e) {
          String tag = e.normalName();
          if (SKIPPED.contains(tag)) {
            skipping++;
          } else if (BLOCKS.contains(tag)) {
            flush(current, paragraphs);
          }
          if (tag.equals("a") && !e.attr("href").isBlank()) {
            links.add(Links.absolute(e, "href"));
          }
        } else if (node instanceof TextNode t && skipping == 0) {
          current.append(t.getWholeText());
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e) {
          String tag = e.normalName();
          if (SKIPPED.contains(tag)) {
            skipping--;
          } else if (BLOCKS.contains(tag)) {
            flush(current, paragraphs);
          }
        }
      }
    }, doc.body());
    flush(current, paragraphs);
    while (!paragraphs.isEmpty() && TRAILER.matcher(paragraphs.get(paragraphs.size() - 1)).matches()) {
      paragraphs.remove(paragraphs.size() - 1);
    }
    if (title != null && !paragraphs.isEmpty() && sameWords(paragraphs.get(0), title)) {
      paragraphs.remove(0); // a summary that only repeats the headline adds nothing
    }
    LocalDate referenceDate = reference == null ? null : reference.atZone(ZoneOffset.UTC).toLocalDate();
    Dateline dateline = paragraphs.isEmpty() ? null : datelines.parse(paragraphs.get(0), referenceDate).orElse(null);
    return new Extraction(title, String.join("\n\n", paragraphs), dateline, reference, null, List.of(), null, null,
        dateline == null ? null : dateline.source(), null, new ArrayList<>(links));
  }

  private static void flush(StringBuilder current, List<String> paragraphs) {
    String p = SPACES.matcher(current).replaceAll(" ").strip();
    if (!p.isEmpty()) {
      paragraphs.add(p);
    }
    current.setLength(0);
  }

  private static boolean sameWords(String a, String b) {
    return fold(a).equals(fold(b));
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
