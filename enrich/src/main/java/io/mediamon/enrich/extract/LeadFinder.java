package io.mediamon.enrich.extract;

import static io.mediamon.enrich.extract.ClassHints.LEAD;
import static io.mediamon.enrich.extract.ClassHints.hasWord;
import static io.mediamon.enrich.extract.ClassHints.hint;

import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/** The fourth pass: the article's lead, marked as such, just above its container. */
final class LeadFinder {
  /** How far above the container the lead may sit: headers are often a few wrappers away from the body. */
  private static final int LEAD_LEVELS = 8;
  /** Other prose between a marked paragraph and the body makes it another story's teaser. */
  private static final int OTHER_PROSE_CHARS = FurniturePruner.PROSE_CHARS;

  private LeadFinder() {}

  /**
   * The article's lead (standfirst, "chapô", "Vorspann"): paragraphs just before the container, in the same section
   * of the page (under the container's grandparent), marked as such by their class. CMSs put it in the header,
   * apart from the body.
   */
  static Set<Block> leadBefore(List<Block> blocks, List<Element> containers, Element body) {
    Element container = containers.get(0);
    if (container == body) {
      return Set.of();
    }
    Element scope = container;
    for (int up = 0; up < LEAD_LEVELS && scope.parent() != null && scope.parent() != body; up++) {
      scope = scope.parent();
    }
    Set<Block> lead = new java.util.HashSet<>();
    int between = 0; // characters of other prose since the last lead paragraph
    for (Block b : blocks) {
      if (b.isInsideAny(containers)) {
        break; // only what comes before the article's body
      }
      if (b.words >= PlainTextCleaner.SENTENCE_WORDS && b.linkDensity < Block.SHORT_LINK_DENSITY && b.sentence && b.isInside(scope) && hasLeadHint(b.element, scope)) {
        lead.add(b);
        between = 0;
      } else if (b.isProse() && (between += b.text.length()) > OTHER_PROSE_CHARS) {
        lead.clear(); // paragraphs of other prose between it and the body: another story's teaser
        between = 0;
      }
    }
    return lead;
  }

  static boolean hasLeadHint(Element e, Element scope) {
    for (Element up = e; up != null && up != scope; up = up.parent()) {
      String hint = hint(up);
      if (!hint.isEmpty() && hasWord(hint, LEAD)) {
        return true;
      }
    }
    return false;
  }

}
