package io.mediamon.enrich.extract;

import static io.mediamon.enrich.extract.ClassHints.ARTICLE_BODY;
import static io.mediamon.enrich.extract.ClassHints.COMMENTS;
import static io.mediamon.enrich.extract.ClassHints.CONSENT_FRAGMENTS;
import static io.mediamon.enrich.extract.ClassHints.NEGATIVE;
import static io.mediamon.enrich.extract.ClassHints.POSITIVE;
import static io.mediamon.enrich.extract.ClassHints.containsAny;
import static io.mediamon.enrich.extract.ClassHints.hasWord;
import static io.mediamon.enrich.extract.ClassHints.hint;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** The first pass: what never holds article text (scripts, forms, navigation) and page furniture leave the page. */
final class FurniturePruner {
  /** Elements that never hold article text, whatever their class. */
  private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "template", "svg", "iframe",
      "object", "embed", "canvas", "button", "select", "input", "textarea", "nav", "menu", "dialog", "head");
  /** A class hint is evidence, not proof: a "sidebar" wrapper holding paragraphs of prose is kept. */
  static final int PROSE_CHARS = 400;

  private FurniturePruner() {}

  /**
   * Removes, in one walk, what never holds article text (scripts, forms, navigation, …) and page furniture. Blogger
   * and similar themes ship the post in a client-side template inside the article body: that one is read in place.
   */
  static void prune(Element body) {
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node == body || !(node instanceof Element e)) {
          return FilterResult.CONTINUE;
        }
        if (DROP_TAGS.contains(e.normalName())) {
          if ("script".equals(e.normalName()) && "text/template".equals(e.attr("type")) && inArticleBody(e)) {
            String template = e.data();
            if (template.contains("<p") || template.contains("<br")) {
              e.after(template); // after it, so that the walk reads (and prunes) the template's markup next
            }
          }
          return FilterResult.REMOVE;
        }
        // what is inside furniture goes with it: no need to judge it
        return isFurniture(e) ? FilterResult.REMOVE : FilterResult.CONTINUE;
      }
    }, body);
  }

  /** Whether an element is page furniture by its tag or its class/id words, and holds no article prose. */
  static boolean isFurniture(Element e) {
    if ("aside".equals(e.tagName())) {
      // asides are sidebars, except on the CMSs that wrap the article itself in one
      return e.getElementsByTag("article").stream().noneMatch(FurniturePruner::holdsProse);
    }
    String hint = hint(e);
    if (hint.isEmpty() || "article".equals(e.tagName()) || "main".equals(e.tagName())) {
      return false;
    }
    boolean negative = hasWord(hint, NEGATIVE);
    boolean consent = containsAny(hint, CONSENT_FRAGMENTS);
    if (!negative && !consent || containsAny(hint, POSITIVE)) {
      return false; // most elements: no furniture word at all
    }
    return consent || hasWord(hint, COMMENTS) || !holdsProse(e) && !wrapsArticleBody(e);
  }

  private static boolean inArticleBody(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if ("articleBody".equals(p.attr("itemprop"))) {
        return true;
      }
    }
    return false;
  }


  /**
   * Whether a wrapper holds an element that a CMS names as the article body ("post-body", "entry-content",
   * itemprop=articleBody) with text in it. Blogger puts a short post inside a "widget": too little prose to
   * outweigh the class word, but its body element says what it is.
   */
  static boolean wrapsArticleBody(Element wrapper) {
    boolean[] found = new boolean[1];
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node == wrapper || !(node instanceof Element d)) {
          return FilterResult.CONTINUE;
        }
        String hint = hint(d);
        found[0] = (containsAny(hint, ARTICLE_BODY) || "articleBody".equals(d.attr("itemprop")))
            && !hasWord(hint, NEGATIVE) && d.text().length() >= 200;
        return found[0] ? FilterResult.STOP : FilterResult.CONTINUE;
      }
    }, wrapper);
    return found[0];
  }

  /**
   * Whether an element holds paragraphs of prose: {@code <p>} text, or, for pages that write paragraphs as text
   * between {@code <br>}s (Blogger, old CMSs), enough text outside links in sentences.
   */
  static boolean holdsProse(Element e) {
    // one walk: characters in <p>s; characters outside links, in links, and sentence ends
    int[] prose = new int[4];
    int[] linkDepth = new int[1];
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element el) {
          if ("p".equals(el.normalName()) && (prose[3] += el.text().length()) >= PROSE_CHARS) {
            return FilterResult.STOP;
          }
          if ("a".equals(el.normalName()) && linkDepth[0]++ == 0) {
            prose[1] += el.text().length();
          }
        } else if (node instanceof TextNode t && linkDepth[0] == 0) {
          String text = t.getWholeText();
          prose[0] += text.length();
          for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 2)) {
            prose[2]++;
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element el && "a".equals(el.normalName())) {
          linkDepth[0]--;
        }
        return FilterResult.CONTINUE;
      }
    }, e);
    return prose[3] >= PROSE_CHARS || prose[0] >= 2 * PROSE_CHARS && prose[0] > 3 * prose[1] && prose[2] >= 3;
  }

}
