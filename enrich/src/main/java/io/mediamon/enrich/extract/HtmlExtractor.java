package io.mediamon.enrich.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
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
 *
 * <p>The passes, in order: {@link FurniturePruner}, {@link BlockSegmenter}, {@link ContainerScorer} (container and
 * parts of its kind), {@link LeadFinder}, then each block's own verdict ({@link Block#keep}) and {@link RepeatFilter};
 * metadata from {@link PageMetadata}, text rules from {@link PlainTextCleaner} and {@link Whitespace}, URLs through
 * {@link Links}. This class only runs them.
 */
public final class HtmlExtractor {
  // parsed once: parsing a selector costs about as much as running it on a page
  private static final Evaluator LINKS = QueryParser.parse("a[href]");

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
      FurniturePruner.prune(body);
      List<Block> blocks = new ArrayList<>();
      BlockSegmenter.collectBlocks(body, blocks);
      List<Element> containers = ContainerScorer.withSameKind(ContainerScorer.bestContainer(blocks, body), blocks,
          body);
      Set<Block> lead = LeadFinder.leadBefore(blocks, containers, body);
      RepeatFilter copies = new RepeatFilter();
      for (Block b : blocks) {
        if ((lead.contains(b) || b.isInsideAny(containers) && b.keep()) && !copies.repeats(b.text)) {
          paragraphs.add(b.text);
          b.element.select(LINKS).forEach(a -> links.add(Links.absolute(a, "href")));
        }
      }
    }
    PlainTextCleaner.Cleaned cleaned = cleaner.clean(paragraphs);
    List<String> text = new ArrayList<>(cleaned.paragraphs());
    if (meta.articleBody() != null && meta.articleBody().length() > 200
        && String.join(" ", text).length() < meta.articleBody().length() / 2) {
      text = new ArrayList<>(cleaner.clean(PlainTextExtractor.paragraphs(meta.articleBody())).paragraphs());
    } else if (meta.longDescription() != null && String.join(" ", text).length() < 200) {
      text = new ArrayList<>(cleaner.clean(markupParagraphs(meta.longDescription())).paragraphs());
    }
    if (!text.isEmpty() && meta.title() != null && text.get(0).equalsIgnoreCase(meta.title().strip())) {
      text.remove(0);
    }
    LocalDate refDate = (reference != null ? reference : meta.published()) == null ? null
        : (reference != null ? reference : meta.published()).atZone(ZoneOffset.UTC).toLocalDate();
    Dateline dateline = text.isEmpty() ? null : datelines.parse(text.get(0), refDate).orElse(null);
    Instant published = meta.published();
    if (published == null && dateline != null && dateline.date() != null) {
      published = dateline.date().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    Set<String> allLinks = new LinkedHashSet<>(links);
    allLinks.addAll(cleaned.links());
    return new Extraction(meta.title(), String.join("\n\n", text), dateline, published, meta.modified(),
        List.copyOf(meta.authors()), meta.language(), meta.canonicalUrl(), meta.siteName(), meta.leadImage(),
        List.copyOf(allLinks));
  }

  /** Paragraphs of a text that may carry HTML ({@code <p>}, {@code <br>}), as JSON-LD descriptions often do. */
  private static List<String> markupParagraphs(String text) {
    if (text.indexOf('<') < 0) {
      return PlainTextExtractor.paragraphs(text);
    }
    Document fragment = Jsoup.parseBodyFragment(text.replaceAll("(?i)<br\\s*/?>", "\n\n"));
    List<String> out = new ArrayList<>();
    for (Element block : fragment.body().select("p, li, h2, h3, h4")) {
      String t = Whitespace.normalize(block.text());
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out.isEmpty() ? PlainTextExtractor.paragraphs(fragment.body().wholeText()) : out;
  }
}
