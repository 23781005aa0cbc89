package io.mediamon.enrich.extract;

import java.util.List;
import org.jsoup.nodes.Element;

/** One text block and the evidence about it: length, link density, sentence punctuation, what kind of element. */
final class Block {
  /** Link density under which long text is prose: above it, a block is a list of links whatever its length. */
  static final double PROSE_LINK_DENSITY = 0.35;
  /** Link density under which a heading belongs to the article. */
  static final double HEADING_LINK_DENSITY = 0.5;
  /** Link density under which short text (a list item, a data row, a short paragraph) belongs to the article. */
  static final double SHORT_LINK_DENSITY = 0.25;
  /** Words a heading of the article has at most. */
  static final int HEADING_WORDS = 30;
  /** What boilerplate weighs per character, before its links make it weigh more. */
  static final double BOILERPLATE_WEIGHT = -0.6;
  final Element element;
  final String text;
  final int words;
  final double linkDensity;
  final boolean heading;
  final boolean row;
  /** Text between the blocks of its element, not an element of its own: judged like a paragraph. */
  final boolean looseText;
  final boolean sentence;

  Block(Element element, String text, int linkChars) {
    this(element, text, linkChars, false);
  }

  Block(Element element, String text, int linkChars, boolean looseText) {
    this.element = element;
    this.looseText = looseText;
    this.text = text;
    this.words = PlainTextCleaner.wordCount(text);
    this.linkDensity = text.isEmpty() ? 1 : Math.min(1.0, (double) linkChars / text.length());
    String tag = looseText ? "p" : element.tagName();
    this.row = "tr".equals(tag);
    this.heading = tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
    this.sentence = endsInPunctuation(text) || hasSentenceBreak(text) || text.indexOf('。') >= 0;
  }

  /** The text's last non-space character ends a sentence, clause or quotation. */
  private static boolean endsInPunctuation(String text) {
    int i = text.length() - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i >= 0 && PlainTextCleaner.BLOCK_SENTENCE_ENDS.indexOf(text.charAt(i)) >= 0;
  }

  /** A full stop, question or exclamation mark followed by a space somewhere in the text. */
  private static boolean hasSentenceBreak(String text) {
    for (int i = 0; i + 1 < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  boolean isProse() {
    return linkDensity < PROSE_LINK_DENSITY && PlainTextCleaner.isProse(words, sentence);
  }

  double weight() {
    if (isProse()) {
      return text.length() * (1 - linkDensity);
    }
    if ((heading && linkDensity < HEADING_LINK_DENSITY) || (row && linkDensity < SHORT_LINK_DENSITY)) {
      return 0; // a data table's rows neither make nor break a container
    }
    return BOILERPLATE_WEIGHT * text.length() * (0.5 + linkDensity);
  }

  boolean keep() {
    if (inCaption()) {
      return false; // a picture's caption and credit, not the article's text
    }
    if (isProse()) {
      return true;
    }
    if (heading) {
      return linkDensity < HEADING_LINK_DENSITY && words <= HEADING_WORDS;
    }
    if (row) {
      return linkDensity < SHORT_LINK_DENSITY;
    }
    // short paragraphs between prose ("He said no.") belong to the article; short link lists do not
    if ("li".equals(element.tagName())) {
      return linkDensity < SHORT_LINK_DENSITY; // a list of the article's own: ingredients, facts, steps, however short
    }
    return linkDensity < SHORT_LINK_DENSITY && words >= 3 && (looseText || "p".equals(element.tagName())
        || "blockquote".equals(element.tagName()) || "pre".equals(element.tagName()));
  }

  private boolean inCaption() {
    Element e = element;
    for (int depth = 0; e != null && depth < 4; depth++, e = e.parent()) {
      if ("figcaption".equals(e.tagName())) {
        return true;
      }
    }
    return false;
  }

  boolean isInsideAny(List<Element> containers) {
    for (Element c : containers) {
      if (isInside(c)) {
        return true;
      }
    }
    return false;
  }

  boolean isInside(Element container) {
    return isWithin(element, container, ContainerScorer.MAX_ANCESTORS + 5);
  }

  /** Whether {@code ancestor} is {@code e} or one of its first {@code levels} ancestors. */
  static boolean isWithin(Element e, Element ancestor, int levels) {
    for (int depth = 0; e != null && depth < levels; depth++, e = e.parent()) {
      if (e == ancestor) {
        return true;
      }
    }
    return false;
  }
}
