package io.mediamon.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * A second reading of a feed Rome refused: ill-formed XML (an undeclared namespace prefix, bare ampersands), a feed
 * cut off mid-way, a plain DOCTYPE, formats Rome does not know (CDF). Jsoup's XML parser reads what is there; only
 * the entries whose closing tag arrived are kept, and the rest of a cut-off feed is reported as its remainder. A
 * feed that declares entities is never read this way: expanding them is what a billion-laughs or XXE attack needs.
 */
final class LenientFeedReader {
  private static final Pattern ENTITY_DECLARATION = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);
  private static final Pattern ROOT_END = Pattern.compile("</\\s*(?:[\\w.-]+:)?(rss|feed|rdf|channel)\\s*>",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ENTRY_END = Pattern.compile("</\\s*(?:[\\w.-]+:)?(item|entry)\\s*>",
      Pattern.CASE_INSENSITIVE);

  /** An entry as read leniently. */
  record Entry(String title, String link, String guid, String summary, String content, String published,
      List<String> categories, String author) {}

  /**
   * What a lenient reading found.
   *
   * @param remainder the text after the last complete entry, when more than closing tags follow it (a cut-off feed)
   */
  record Result(String feedTitle, String language, List<Entry> entries, String remainder) {}

  /** Reads the entries of {@code text}; null when it declares entities or has no complete entry. */
  static Result read(String text) {
    if (ENTITY_DECLARATION.matcher(text).find()) {
      return null;
    }
    int cut = -1;
    Matcher m = ENTRY_END.matcher(text);
    while (m.find()) {
      cut = m.end();
    }
    if (cut < 0) {
      return null;
    }
    String tail = text.substring(cut);
    // a feed whose root element closes after its last entry is whole (an RSS 0.91 textinput may follow the items)
    String remainder = ROOT_END.matcher(tail).find() ? null : tail;
    Document doc = Jsoup.parse(text.substring(0, cut), "", Parser.xmlParser());
    List<Entry> entries = new ArrayList<>();
    for (Element e : doc.getAllElements()) {
      String name = local(e);
      if (!name.equals("item") && !name.equals("entry") || e.parents().stream().anyMatch(LenientFeedReader::isEntry)) {
        continue; // an entry inside an entry is an SSE conflict's earlier version
      }
      Entry entry = new Entry(child(e, "title"), link(e), child(e, "guid", "id"),
          child(e, "description", "summary", "abstract"), child(e, "encoded", "content"),
          child(e, "pubdate", "published", "updated", "date", "issued", "modified", "lastmod"),
          children(e, "category", "subject"), child(e, "author", "creator"));
      if (entry.title() != null || entry.summary() != null || entry.content() != null) {
        entries.add(entry);
      }
    }
    if (entries.isEmpty()) {
      return null;
    }
    Element channel = first(doc, "channel", "feed");
    String feedTitle = channel == null ? null : child(channel, "title");
    String language = channel == null ? null : child(channel, "language");
    return new Result(feedTitle, language, entries, remainder);
  }

  private static boolean isEntry(Element e) {
    String name = local(e);
    return name.equals("item") || name.equals("entry");
  }

  private static String local(Element e) {
    String name = e.tagName().toLowerCase(Locale.ROOT);
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }

  private static Element first(Document doc, String... names) {
    for (Element e : doc.getAllElements()) {
      for (String n : names) {
        if (local(e).equals(n)) {
          return e;
        }
      }
    }
    return null;
  }

  /** The text of the first direct child with one of the names (local names, any case); HTML inside kept as is. */
  private static String child(Element parent, String... names) {
    for (String n : names) {
      for (Element c : parent.children()) {
        if (local(c).equals(n)) {
          String value = c.children().isEmpty() ? c.wholeText() : c.html();
          value = Parser.unescapeEntities(value, false).strip();
          if (!value.isEmpty()) {
            return value;
          }
        }
      }
    }
    return null;
  }

  private static List<String> children(Element parent, String... names) {
    List<String> values = new ArrayList<>();
    for (Element c : parent.children()) {
      for (String n : names) {
        if (local(c).equals(n) && !c.text().isBlank()) {
          values.add(c.text().strip());
        }
      }
    }
    return values;
  }

  /** RSS puts the link in the element's text, Atom and CDF in an attribute. */
  private static String link(Element entry) {
    for (Element c : entry.children()) {
      if (local(c).equals("link")) {
        String href = c.attr("href");
        if (!href.isBlank() && (c.attr("rel").isBlank() || c.attr("rel").equals("alternate"))) {
          return href.strip();
        }
        if (!c.text().isBlank()) {
          return c.text().strip();
        }
      }
    }
    String href = entry.attr("href");
    return href.isBlank() ? null : href.strip();
  }
}
