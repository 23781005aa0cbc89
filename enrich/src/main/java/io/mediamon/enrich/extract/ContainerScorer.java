package io.mediamon.enrich.extract;

import static io.mediamon.enrich.extract.ClassHints.POSITIVE;
import static io.mediamon.enrich.extract.ClassHints.containsAny;
import static io.mediamon.enrich.extract.ClassHints.hint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * The third pass: each block adds its weight to its ancestors (less for each wrapper above its own), the element
 * with the highest total is the article's container, and parts of the same kind nearby join it.
 */
final class ContainerScorer {
  /** Ancestors a block's weight reaches. */
  static final int MAX_ANCESTORS = 40;
  /** Wrappers above the container within which parts of the same kind join it. */
  private static final int KIN_LEVELS = 4;
  /** What a block's weight keeps for each wrapper above its own container. */
  private static final double DECAY = 0.85;
  /** The edge a container named as an article (class word or {@code <article>}) has over an unnamed one. */
  private static final double NAMED_ARTICLE_BOOST = 1.15;
  /** A part of the same kind joins the container when it scores at least this share of the container's score. */
  private static final double KIN_SHARE = 0.2;

  private ContainerScorer() {}

  /**
   * The container and the elements of its tag and class nearby (siblings and cousins up to {@link #KIN_LEVELS}
   * wrappers away) that carry prose: an article split into several sections (a paywall block, a second text
   * module, a page builder's text widgets) has its parts near each other.
   */
  static List<Element> withSameKind(Element container, List<Block> blocks, Element body) {
    List<Element> all = new ArrayList<>();
    all.add(container);
    Element parent = container.parent();
    if (container == body || parent == null || container.className().isEmpty()) {
      return all;
    }
    // page builders (Elementor, WPBakery) give every text widget of the article the same class, a few wrappers
    // apart: look for the container's kind among its siblings and cousins
    Element scope = parent;
    for (int up = 0; up < KIN_LEVELS && scope.parent() != null && scope.parent() != body; up++) {
      scope = scope.parent();
    }
    List<Element> sameKind = new ArrayList<>();
    for (Element kin : scope.getElementsByTag(container.tagName())) {
      if (kin != container && kin.className().equals(container.className()) && !Block.isWithin(kin, container, Integer.MAX_VALUE)
          && !Block.isWithin(container, kin, Integer.MAX_VALUE)) {
        sameKind.add(kin);
      }
    }
    if (sameKind.isEmpty()) {
      return all; // most pages: no second pass over the blocks
    }
    // each candidate's total of the weights of the blocks inside it, without decay
    Map<Element, double[]> totals = new java.util.IdentityHashMap<>();
    totals.put(container, new double[1]);
    sameKind.forEach(kin -> totals.put(kin, new double[1]));
    for (Block b : blocks) {
      double weight = b.weight();
      Element anc = b.element;
      for (int depth = 0; anc != null && anc != body && depth < MAX_ANCESTORS; depth++, anc = anc.parent()) {
        double[] total = totals.get(anc);
        if (total != null) {
          total[0] += weight;
        }
      }
    }
    double top = totals.get(container)[0];
    for (Element kin : sameKind) {
      double score = totals.get(kin)[0];
      if (score > 0 && score >= KIN_SHARE * top) {
        all.add(kin);
      }
    }
    return all;
  }

  /**
   * Each element's total of the weights of the blocks inside it: a block counts fully for its own container and
   * less for each wrapper above it.
   */
  static Map<Element, Double> scores(List<Block> blocks, Element body) {
    // insertion order (blocks in reading order, each then its ancestors), so that ties go the same way every run
    Map<Element, Double> scores = new java.util.LinkedHashMap<>();
    for (Block b : blocks) {
      double weight = b.weight();
      Element anc = b.element;
      // a block counts fully for its own container and less for each wrapper above it, so the tightest element
      // holding the article's run of paragraphs wins over a page-wide wrapper that also holds teasers
      double share = 1.0;
      for (int depth = 0; anc != null && depth < MAX_ANCESTORS; depth++, anc = anc.parent()) {
        scores.merge(anc, weight > 0 ? weight * share : weight, Double::sum);
        if (anc == body) {
          break;
        }
        if (depth >= 1) {
          share *= DECAY;
        }
      }
    }
    return scores;
  }

  static Element bestContainer(List<Block> blocks, Element body) {
    Map<Element, Double> scores = scores(blocks, body);
    Element best = body;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Map.Entry<Element, Double> e : scores.entrySet()) {
      Element el = e.getKey();
      double score = e.getValue();
      if (containsAny(hint(el), POSITIVE) || "article".equals(el.tagName())) {
        score *= NAMED_ARTICLE_BOOST;
      }
      if (score >= bestScore) { // a tie goes to the wrapper, inserted after the element it wraps
        bestScore = score;
        best = el;
      }
    }
    return best;
  }

}
