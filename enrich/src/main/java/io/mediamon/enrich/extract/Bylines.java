package io.mediamon.enrich.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/** Authors written on the page: byline elements, and the "By", "Von", "Par" … their names are written after. */
final class Bylines {
  private static final Evaluator ITEM_NAME = QueryParser.parse("[itemprop=name]");
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern BYLINE_PREFIX = Pattern.compile(
      "(?iu)^(?:by|von|par|por|di|door|av|af|written by|texte?|text|autor(?:in)?|author)\\s*:?\\s+");

  private Bylines() {}

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

  static String cleanByline(String raw) {
    return WHITE_SPACE.matcher(BYLINE_PREFIX.matcher(raw.strip()).replaceFirst("")).replaceAll(" ").strip();
  }

}
