package io.mediamon.enrich.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The second pass: the page cut into text blocks in reading order (block elements holding no other block, data-table
 * rows, and the runs of loose text between the blocks of an element).
 */
final class BlockSegmenter {
  static final Set<String> BLOCK_TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
      "pre", "dd", "dt", "td", "th", "figcaption", "div", "section", "article", "main", "center", "font", "span");
  static final Set<String> LEAF_BLOCK_TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li",
      "blockquote", "pre", "dd", "dt", "td", "th", "div", "section", "article", "main", "center", "ul", "ol", "table",
      "figure", "header", "footer", "form", "dl", "tr", "figcaption");

  private BlockSegmenter() {}

  /**
   * Text blocks in reading order: block elements that contain no other block, data-table rows, and the runs of
   * loose text (text and inline elements) between the blocks of an element that has both.
   */
  static void collectBlocks(Element root, List<Block> out) {
    // iterative walk: pages nested thousands of levels deep must not overflow the stack; the stack holds elements
    // still to read and runs of loose text already read, so both come out in reading order
    ArrayList<Object> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      Object next = stack.remove(stack.size() - 1);
      if (next instanceof Block run) {
        out.add(run);
        continue;
      }
      Element e = (Element) next;
      String tag = e.tagName();
      if ("tr".equals(tag) && isDataRow(e)) {
        String text = Whitespace.normalize(e.text());
        if (!text.isEmpty()) {
          out.add(new Block(e, text, linkChars(e)));
        }
        continue;
      }
      boolean hasBlockChild = false;
      for (Element child = e.firstElementChild(); child != null; child = child.nextElementSibling()) {
        if (isBlockish(child)) {
          hasBlockChild = true;
          break;
        }
      }
      if (BLOCK_TAGS.contains(tag) && !hasBlockChild) {
        String text = Whitespace.normalize(e.text());
        if (!text.isEmpty()) {
          out.add(new Block(e, text, linkChars(e)));
        }
        continue;
      }
      if (hasBlockChild && e != root) {
        List<Object> parts = blocksAndRuns(e);
        for (int i = parts.size() - 1; i >= 0; i--) {
          stack.add(parts.get(i));
        }
      } else {
        for (Element child = e.lastElementChild(); child != null; child = child.previousElementSibling()) {
          stack.add(child);
        }
      }
    }
  }

  /** An element's block children and, as blocks of their own, the runs of loose text between them. */
  static List<Object> blocksAndRuns(Element e) {
    List<Object> parts = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int[] runLinks = {0};
    for (Node n : e.childNodes()) {
      if (n instanceof TextNode t) {
        if (!t.isBlank()) {
          run.append(t.text());
        } else if (!t.getWholeText().isEmpty()) {
          run.append(' '); // indentation between blocks, most text nodes of a page: what text() would make of it
        }
      } else if (n instanceof Element child) {
        if (isBlockish(child)) {
          addRun(e, run, runLinks, parts);
          parts.add(child);
        } else if ("br".equals(child.tagName())) {
          run.append(' ');
        } else {
          run.append(child.text());
          runLinks[0] += "a".equals(child.tagName()) ? child.text().length() : linkChars(child);
        }
      }
    }
    addRun(e, run, runLinks, parts);
    return parts;
  }

  static void addRun(Element parent, StringBuilder run, int[] runLinks, List<Object> parts) {
    if (run.length() <= 1) { // nothing, or one space between two blocks: no words
      run.setLength(0);
      runLinks[0] = 0;
      return;
    }
    String text = Whitespace.normalize(run.toString());
    if (PlainTextCleaner.wordCount(text) >= 5) {
      parts.add(new Block(parent, text, runLinks[0], true));
    }
    run.setLength(0);
    runLinks[0] = 0;
  }

  /**
   * A block element, or any other element with blocks inside: an app-rendered page wraps its whole article in a
   * custom element ({@code <article-body-container>}), old pages in a {@code <font>} or {@code <span>}, and
   * reading those as inline text would make the article one paragraph.
   */
  static boolean isBlockish(Element e) {
    if (LEAF_BLOCK_TAGS.contains(e.tagName())) {
      return true;
    }
    if (e.tag().isKnownTag() || e.childNodeSize() == 0) {
      return false;
    }
    boolean[] found = new boolean[1];
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node != e && node instanceof Element d && LEAF_BLOCK_TAGS.contains(d.tagName())) {
          found[0] = true;
          return FilterResult.STOP; // the first block is enough
        }
        return FilterResult.CONTINUE;
      }
    }, e);
    return found[0];
  }

  /** A table row of two or more cells holding only inline content: a row of data, read as one line. */
  static boolean isDataRow(Element tr) {
    int cells = 0;
    for (Element cell = tr.firstElementChild(); cell != null; cell = cell.nextElementSibling()) {
      if (!"td".equals(cell.tagName()) && !"th".equals(cell.tagName())) {
        return false;
      }
      for (Element inner = cell.firstElementChild(); inner != null; inner = inner.nextElementSibling()) {
        if (LEAF_BLOCK_TAGS.contains(inner.tagName())) {
          return false;
        }
      }
      cells++;
    }
    return cells >= 2;
  }

  /** Characters of link text inside an element. */
  static int linkChars(Element e) {
    int[] n = new int[1];
    NodeTraversor.traverse((node, depth) -> {
      if (node instanceof Element a && "a".equals(a.normalName())) {
        n[0] += a.text().length();
      }
    }, e);
    return n[0];
  }

}
