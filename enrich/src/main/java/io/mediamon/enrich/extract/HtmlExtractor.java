package io.mediamon.enrich.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * Main text and metadata of an HTML page.
 *
 * <p>Scripts, styles and navigation are cut before parsing ({@link MarkupPrefilter}). The page is cut into text
 * blocks (paragraphs, headings, list items, quotes, data-table rows, and runs of loose text between blocks). Each
 * block is judged on its own evidence (length, link density, sentence punctuation) and adds its weight to its
 * ancestors: prose adds, boilerplate (menus, link lists, short labels) subtracts. The ancestor with the highest
 * total is the article's container; parts of the same kind nearby join it, and a lead marked as such just above it
 * comes first. Its blocks, minus boilerplate, captions and repeated copies, in reading order, are the text. JSON-LD
 * {@code articleBody} replaces the result when the page's own text is clearly incomplete, and a long JSON-LD
 * description stands in when the markup holds next to none.
 */
public final class HtmlExtractor {
  private static final Set<String> BLOCK_TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
      "pre", "dd", "dt", "td", "th", "figcaption", "div", "section", "article", "main", "center", "font", "span");
  private static final Set<String> LEAF_BLOCK_TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li",
      "blockquote", "pre", "dd", "dt", "td", "th", "div", "section", "article", "main", "center", "ul", "ol", "table",
      "figure", "header", "footer", "form", "dl", "tr", "figcaption");
  // selectors parsed once: parsing one costs about as much as running it on a page
  private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "template", "svg", "iframe",
      "object", "embed", "canvas", "button", "select", "input", "textarea", "nav", "menu", "dialog", "head");
  private static final Evaluator LINKS = QueryParser.parse("a[href]");
  /** Class/id words of page furniture; matched as whole words of the class or id ("article-sidebar" has "sidebar"). */
  private static final Words NEGATIVE = new Words("comment", "comments", "share", "sharing", "social", "related",
      "recommend", "recommended", "sidebar", "footer", "foot", "nav", "navbar", "navigation", "menu", "breadcrumb",
      "breadcrumbs", "promo", "advert", "advertisement", "ad", "ads", "banner", "newsletter", "subscribe",
      "subscription", "cookie", "consent", "popup", "modal", "tags", "tag", "taglist", "masthead", "skip",
      "sponsor", "outbrain", "taboola", "mostread", "trending", "teaser", "paywall", "login", "signup", "hidden",
      "caption", "toolbar", "pagination", "pager", "disqus", "respond", "gdpr", "dsgvo", "dialog", "overlay",
      "cookies", "bio", "author", "byline");
  /** Class/id fragments of article bodies; matched anywhere ("articleBody", "post-content", "entry-content"). */
  private static final List<String> POSITIVE = List.of("article", "story", "entry", "post-content", "post-body",
      "content-body", "articlebody", "main-content", "text", "prose", "rich-text", "field-body", "news-text");
  /** How far above the container the lead may sit: headers are often a few wrappers away from the body. */
  private static final int LEAD_LEVELS = 8;
  /** Class/id words of an article's lead paragraph, in the languages of the corpora. */
  private static final Words LEAD = new Words("intro", "lead", "lede", "teaser", "abstract", "excerpt", "subtitle",
      "standfirst", "summary", "dek", "deck", "chapo", "chapeau", "sapo", "entradilla", "bajada", "sommario", "vorspann");
  /** Class/id fragments CMSs give the element that holds exactly the article's text. */
  private static final List<String> ARTICLE_BODY = List.of("articlebody", "article-body", "article_body",
      "post-body", "postbody", "post-content", "entry-content", "story-body", "article-content", "article-text",
      "articletext", "story-content", "post-text");
  /**
   * Comment threads: dropped even when they hold prose. Login, sign-up and dialog wrappers are not treated so: sites
   * put those words on wrappers of the whole page (it cost Scrapinghub recall 0.943 → 0.927).
   */
  private static final Words COMMENTS = new Words("comment", "comments", "disqus", "respond");
  /** Consent-manager names written into longer class names ("BorlabsCookieBox", "onetrust-banner-sdk"). */
  private static final List<String> CONSENT_FRAGMENTS = List.of("cookie", "consent", "gdpr", "dsgvo", "onetrust",
      "didomi", "usercentrics", "cookiebot", "borlabs", "quantcast", "sourcepoint");
  /** A class hint is evidence, not proof: a "sidebar" wrapper holding paragraphs of prose is kept. */
  private static final int PROSE_CHARS = 400;
  private static final int MAX_ANCESTORS = 40;
  /** Wrappers above the container within which parts of the same kind join it. */
  private static final int KIN_LEVELS = 4;
  /** Blocks this long that repeat kept text are copies, not a quotation or a recurring phrase. */
  private static final int REPEAT_CHARS = 150;
  private static final double DECAY = 0.85;

  private final PlainTextCleaner cleaner = new PlainTextCleaner();
  private final DatelineParser datelines = new DatelineParser();

  /** Extracts main text and metadata; {@code reference} completes a year-less dateline. */
  public Extraction extract(String html, String baseUrl, Instant reference) {
    return extractPrefiltered(MarkupPrefilter.strip(html), baseUrl, reference);
  }

  /** {@link #extract} of a page whose scripts, styles and comments {@link MarkupPrefilter} has already cut. */
  Extraction extractPrefiltered(String html, String baseUrl, Instant reference) {
    Document doc = Jsoup.parse(html, baseUrl == null ? "" : baseUrl);
    // the reference time, not the clock: the same page extracts the same way whenever it is read
    PageMetadata meta = PageMetadata.of(doc, baseUrl, reference != null ? reference.atZone(ZoneOffset.UTC).toLocalDate()
        : LocalDate.now(ZoneOffset.UTC));
    Element body = doc.body();
    List<String> links = new ArrayList<>();
    List<String> paragraphs = new ArrayList<>();
    if (body != null) {
      prune(body);
      List<Block> blocks = new ArrayList<>();
      collectBlocks(body, blocks);
      List<Element> containers = withSameKind(bestContainer(blocks, body), blocks, body);
      Set<Block> lead = leadBefore(blocks, containers, body);
      ShingleSet keptShingles = new ShingleSet();
      for (Block b : blocks) {
        if ((lead.contains(b) || b.isInsideAny(containers) && b.keep()) && !repeats(b.text, keptShingles)) {
          paragraphs.add(b.text);
          b.element.select(LINKS).forEach(a -> links.add(Links.absolute(a, "href")));
        }
      }
    }
    PlainTextCleaner.Cleaned cleaned = cleaner.clean(paragraphs);
    List<String> text = new ArrayList<>(cleaned.paragraphs());
    if (meta.articleBody != null && meta.articleBody.length() > 200
        && String.join(" ", text).length() < meta.articleBody.length() / 2) {
      text = new ArrayList<>(cleaner.clean(PlainTextExtractor.paragraphs(meta.articleBody)).paragraphs());
    } else if (meta.longDescription != null && String.join(" ", text).length() < 200) {
      text = new ArrayList<>(cleaner.clean(markupParagraphs(meta.longDescription)).paragraphs());
    }
    if (!text.isEmpty() && meta.title != null && text.get(0).equalsIgnoreCase(meta.title.strip())) {
      text.remove(0);
    }
    LocalDate refDate = (reference != null ? reference : meta.published) == null ? null
        : (reference != null ? reference : meta.published).atZone(ZoneOffset.UTC).toLocalDate();
    Dateline dateline = text.isEmpty() ? null : datelines.parse(text.get(0), refDate).orElse(null);
    Instant published = meta.published;
    if (published == null && dateline != null && dateline.date() != null) {
      published = dateline.date().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    Set<String> allLinks = new LinkedHashSet<>(links);
    allLinks.addAll(cleaned.links());
    return new Extraction(meta.title, String.join("\n\n", text), dateline, published, meta.modified,
        List.copyOf(meta.authors), meta.language, meta.canonicalUrl, meta.siteName, meta.leadImage,
        List.copyOf(allLinks));
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
   * Whether a long block repeats text already kept: pages ship a second copy of the article (a print or app
   * version, a teaser of the lead) inside the same container.
   */
  private static boolean repeats(String text, ShingleSet keptShingles) {
    if (text.length() < REPEAT_CHARS) {
      return false;
    }
    long[] shingles = shingles(text);
    int seen = 0;
    for (long shingle : shingles) {
      if (keptShingles.contains(shingle)) {
        seen++;
      }
    }
    if (shingles.length > 0 && seen >= 0.8 * shingles.length) {
      return true; // the same text give or take a heading or caption: a copy
    }
    for (long shingle : shingles) {
      keptShingles.add(shingle);
    }
    return false;
  }

  /** Hashes of the text's runs of four words (the text is normalised: words are separated by single spaces). */
  private static long[] shingles(String text) {
    long[] out = new long[text.length() / 2 + 1]; // a word and its space take two characters or more
    int n = 0;
    long[] last = new long[4]; // hashes of the last four words, as a ring
    int words = 0;
    long word = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (c != ' ') {
        word = 31 * word + c;
        continue;
      }
      last[words++ & 3] = word;
      word = 0;
      if (words >= 4) {
        long h = 1125899906842597L;
        for (int k = words - 4; k < words; k++) {
          h = 31 * h + last[k & 3];
        }
        out[n++] = h;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Paragraphs of a text that may carry HTML ({@code <p>}, {@code <br>}), as JSON-LD descriptions often do. */
  private static List<String> markupParagraphs(String text) {
    if (text.indexOf('<') < 0) {
      return PlainTextExtractor.paragraphs(text);
    }
    Document fragment = Jsoup.parseBodyFragment(text.replaceAll("(?i)<br\\s*/?>", "\n\n"));
    List<String> out = new ArrayList<>();
    for (Element block : fragment.body().select("p, li, h2, h3, h4")) {
      String t = normalize(block.text());
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out.isEmpty() ? PlainTextExtractor.paragraphs(fragment.body().wholeText()) : out;
  }

  /**
   * Removes, in one walk, what never holds article text (scripts, forms, navigation, …) and page furniture. Blogger
   * and similar themes ship the post in a client-side template inside the article body: that one is read in place.
   */
  private static void prune(Element body) {
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
  private static boolean isFurniture(Element e) {
    if ("aside".equals(e.tagName())) {
      // asides are sidebars, except on the CMSs that wrap the article itself in one
      return e.getElementsByTag("article").stream().noneMatch(HtmlExtractor::holdsProse);
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

  /**
   * The article's lead (standfirst, "chapô", "Vorspann"): paragraphs just before the container, in the same section
   * of the page (under the container's grandparent), marked as such by their class. CMSs put it in the header,
   * apart from the body.
   */
  private static Set<Block> leadBefore(List<Block> blocks, List<Element> containers, Element body) {
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
      if (b.words >= 8 && b.linkDensity < 0.25 && b.sentence && b.isInside(scope) && hasLeadHint(b.element, scope)) {
        lead.add(b);
        between = 0;
      } else if (b.isProse() && (between += b.text.length()) > PROSE_CHARS) {
        lead.clear(); // paragraphs of other prose between it and the body: another story's teaser
        between = 0;
      }
    }
    return lead;
  }

  private static boolean hasLeadHint(Element e, Element scope) {
    for (Element up = e; up != null && up != scope; up = up.parent()) {
      String hint = hint(up);
      if (!hint.isEmpty() && hasWord(hint, LEAD)) {
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
  private static boolean wrapsArticleBody(Element wrapper) {
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

  /** Class and id, lower-case; a custom element's tag name too ({@code <pp-navigation-mobile>}). */
  private static String hint(Element e) {
    String cls = e.attr("class");
    String id = e.attr("id");
    String tag = e.tagName().indexOf('-') > 0 ? e.tagName() : "";
    if (cls.isEmpty() && id.isEmpty() && tag.isEmpty()) {
      return "";
    }
    return (cls + " " + id + " " + tag).toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether a (lower-case) class hint contains one of the fragments anywhere ("BorlabsCookieBox" has "cookie"). */
  private static boolean containsAny(String hint, List<String> fragments) {
    for (String fragment : fragments) {
      if (hint.contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasWord(String hint, Words words) {
    int start = -1;
    for (int i = 0; i <= hint.length(); i++) {
      boolean separator = i == hint.length() || !Character.isLetterOrDigit(hint.charAt(i));
      if (separator) {
        if (start >= 0 && words.containsRegion(hint, start, i)) {
          return true;
        }
        start = -1;
      } else if (start < 0) {
        start = i;
      }
    }
    return false;
  }

  /**
   * Whether an element holds paragraphs of prose: {@code <p>} text, or, for pages that write paragraphs as text
   * between {@code <br>}s (Blogger, old CMSs), enough text outside links in sentences.
   */
  private static boolean holdsProse(Element e) {
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

  /**
   * Text blocks in reading order: block elements that contain no other block, data-table rows, and the runs of
   * loose text (text and inline elements) between the blocks of an element that has both.
   */
  private static void collectBlocks(Element root, List<Block> out) {
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
        String text = normalize(e.text());
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
        String text = normalize(e.text());
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
  private static List<Object> blocksAndRuns(Element e) {
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

  private static void addRun(Element parent, StringBuilder run, int[] runLinks, List<Object> parts) {
    if (run.length() <= 1) { // nothing, or one space between two blocks: no words
      run.setLength(0);
      runLinks[0] = 0;
      return;
    }
    String text = normalize(run.toString());
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
  private static boolean isBlockish(Element e) {
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
  private static boolean isDataRow(Element tr) {
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
  private static int linkChars(Element e) {
    int[] n = new int[1];
    NodeTraversor.traverse((node, depth) -> {
      if (node instanceof Element a && "a".equals(a.normalName())) {
        n[0] += a.text().length();
      }
    }, e);
    return n[0];
  }

  /**
   * The container and the elements of its tag and class nearby (siblings and cousins up to {@link #KIN_LEVELS}
   * wrappers away) that carry prose: an article split into several sections (a paywall block, a second text
   * module, a page builder's text widgets) has its parts near each other.
   */
  private static List<Element> withSameKind(Element container, List<Block> blocks, Element body) {
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
      if (kin != container && kin.className().equals(container.className()) && !isWithin(kin, container, Integer.MAX_VALUE)
          && !isWithin(container, kin, Integer.MAX_VALUE)) {
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
      if (score > 0 && score >= 0.2 * top) {
        all.add(kin);
      }
    }
    return all;
  }

  /** Whether {@code ancestor} is {@code e} or one of its first {@code levels} ancestors. */
  private static boolean isWithin(Element e, Element ancestor, int levels) {
    for (int depth = 0; e != null && depth < levels; depth++, e = e.parent()) {
      if (e == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each element's total of the weights of the blocks inside it: a block counts fully for its own container and
   * less for each wrapper above it.
   */
  private static Map<Element, Double> scores(List<Block> blocks, Element body) {
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

  private static Element bestContainer(List<Block> blocks, Element body) {
    Map<Element, Double> scores = scores(blocks, body);
    Element best = body;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Map.Entry<Element, Double> e : scores.entrySet()) {
      Element el = e.getKey();
      double score = e.getValue();
      if (containsAny(hint(el), POSITIVE) || "article".equals(el.tagName())) {
        score *= 1.15;
      }
      if (score >= bestScore) { // a tie goes to the wrapper, inserted after the element it wraps
        bestScore = score;
        best = el;
      }
    }
    return best;
  }

  static String normalize(String s) {
    if (isNormal(s)) {
      return s; // Jsoup's text() has already collapsed ordinary white space: the usual case
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** No white space but single inner spaces, and no no-break or zero-width space. */
  private static boolean isNormal(String s) {
    char previous = ' ';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' ? previous == ' ' : isSpace(c)) {
        return false;
      }
      previous = c;
    }
    return previous != ' ' || s.isEmpty();
  }

  /** {@link Character#isWhitespace}, no-break space or zero-width space; letters are answered without a lookup. */
  private static boolean isSpace(char c) {
    if (c > ' ' && c < '\u00a0') {
      return false;
    }
    return c == '\u00a0' || c == '\u200b' || Character.isWhitespace(c);
  }

  /** One text block and the evidence about it. */
  private static final class Block {
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
      return i >= 0 && ".!?…:;»\"”)。！？」".indexOf(text.charAt(i)) >= 0;
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
      return linkDensity < 0.35 && PlainTextCleaner.isProse(words, sentence);
    }

    double weight() {
      if (isProse()) {
        return text.length() * (1 - linkDensity);
      }
      if ((heading && linkDensity < 0.5) || (row && linkDensity < 0.25)) {
        return 0; // a data table's rows neither make nor break a container
      }
      return -0.6 * text.length() * (0.5 + linkDensity);
    }

    boolean keep() {
      if (inCaption()) {
        return false; // a picture's caption and credit, not the article's text
      }
      if (isProse()) {
        return true;
      }
      if (heading) {
        return linkDensity < 0.5 && words <= 30;
      }
      if (row) {
        return linkDensity < 0.25;
      }
      // short paragraphs between prose ("He said no.") belong to the article; short link lists do not
      if ("li".equals(element.tagName())) {
        return linkDensity < 0.25; // a list of the article's own: ingredients, facts, steps, however short
      }
      return linkDensity < 0.25 && words >= 3 && (looseText || "p".equals(element.tagName())
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
      return isWithin(element, container, MAX_ANCESTORS + 5);
    }
  }

  /** Lower-case words, looked up as a region of a string without cutting it out: most class words are not in it. */
  private static final class Words {
    private final Set<String> words;
    /** Per ASCII first letter, bit n set when a word of length n starts with it. */
    private final long[] lengthsByFirst = new long[128];

    Words(String... words) {
      this.words = Set.of(words);
      for (String w : words) {
        lengthsByFirst[w.charAt(0)] |= 1L << w.length();
      }
    }

    boolean containsRegion(String s, int from, int to) {
      char first = s.charAt(from);
      int length = to - from;
      return first < 128 && length < 64 && (lengthsByFirst[first] & 1L << length) != 0
          && words.contains(s.substring(from, to));
    }
  }

  /** A set of shingle hashes: open addressing on a long array, without a boxed Long per shingle. */
  private static final class ShingleSet {
    private long[] slots = new long[256];
    private int size;
    private boolean hasZero; // 0 marks an empty slot, so the hash 0 is kept aside

    boolean contains(long h) {
      if (h == 0) {
        return hasZero;
      }
      int mask = slots.length - 1;
      for (int i = mix(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
        if (slots[i] == h) {
          return true;
        }
      }
      return false;
    }

    void add(long h) {
      if (h == 0) {
        hasZero = true;
        return;
      }
      if (2 * (size + 1) > slots.length) {
        grow();
      }
      int mask = slots.length - 1;
      int i = mix(h) & mask;
      for (; slots[i] != 0; i = (i + 1) & mask) {
        if (slots[i] == h) {
          return;
        }
      }
      slots[i] = h;
      size++;
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      size = 0;
      for (long h : old) {
        if (h != 0) {
          add(h);
        }
      }
    }

    private static int mix(long h) {
      long x = h * 0x9E3779B97F4A7C15L;
      return (int) (x ^ x >>> 32);
    }
  }
}
