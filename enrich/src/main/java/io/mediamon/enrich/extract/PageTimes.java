package io.mediamon.enrich.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;

/**
 * The times a page gives: machine-readable ones (ISO 8601 in meta tags, {@code <time datetime>}, JSON-LD), a date in
 * the URL path, and a date written out in an element whose class speaks of dates, read as of an explicit day.
 */
final class PageTimes {
  static final List<String> PUBLISHED_KEYS = List.of("article:published_time", "og:article:published_time",
      "datepublished", "publish-date", "publishdate", "pubdate", "dc.date.issued", "dc.date", "dcterms.created",
      "date", "sailthru.date", "parsely-pub-date", "article.published", "og:published_time");
  static final List<String> MODIFIED_KEYS = List.of("article:modified_time", "og:updated_time",
      "datemodified", "dc.date.modified", "dcterms.modified", "last-modified", "article.updated", "modified");
  /** ISO time with an offset written without a colon ("+0200"), as many CMSs write it. */
  private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX");
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  private static final Pattern URL_DATE = Pattern.compile("/(20\\d{2}|19\\d{2})[/-](\\d{1,2})[/-](\\d{1,2})(?:/|$|-)");

  private static final List<String> DATE_HINTS = List.of("date", "time", "publish", "posted", "datum", "fecha", "data");
  private static final Pattern TEXT_DATE = Pattern.compile(
      "\\d{1,2}\\.?\\s+(?:de\\s+)?\\p{L}{3,10}\\.?(?:\\s+(?:de\\s+)?\\d{4})|\\p{L}{3,10}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
          + "|\\d{1,2}[./]\\d{1,2}[./]\\d{4}");

  private PageTimes() {}

  static Instant metaTime(Map<String, String> metas, List<String> keys) {
    for (String key : keys) {
      Instant time = parseTime(PageMetadata.meta(metas, key));
      if (time != null) {
        return time;
      }
    }
    return null;
  }

  static Instant parseTime(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return OffsetDateTime.parse(v, COMPACT_OFFSET).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return java.time.LocalDateTime.parse(v.length() > 19 ? v.substring(0, 19) : v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }

  static Instant urlDate(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL_DATE.matcher(url);
    if (!m.find()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
          .atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /**
   * A date written out in an element whose class or id speaks of dates ("25. August 2015", "March 3, 2019"), read
   * with the dateline parser's month names in six languages.
   */
  static Instant textDate(Document doc, LocalDate today) {
    Instant[] found = new Instant[1];
    int[] checked = new int[1];
    NodeTraversor.filter(new org.jsoup.select.NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e) || !"time".equals(e.normalName()) && !mentionsAny(e.className(), DATE_HINTS)
            && !mentionsAny(e.id(), DATE_HINTS)) {
          return FilterResult.CONTINUE;
        }
        String text = e.text();
        if (text.length() > 80 || text.isBlank()) {
          return FilterResult.CONTINUE;
        }
        if (++checked[0] > 40) {
          return FilterResult.STOP;
        }
        found[0] = dateIn(text, today);
        return found[0] != null ? FilterResult.STOP : FilterResult.CONTINUE;
      }
    }, doc);
    return found[0];
  }

  private static Instant dateIn(String text, LocalDate today) {
    Matcher m = TEXT_DATE.matcher(text);
    if (!m.find()) {
      return null;
    }
    LocalDate date = DatelineParser.parseDate(WHITE_SPACE.matcher(m.group().replace(",", ", ")).replaceAll(" ").strip()
        .replace(" ,", ","), today);
    return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }


  private static boolean mentionsAny(String text, List<String> lowerCaseWords) {
    if (text.isEmpty()) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String word : lowerCaseWords) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

}
