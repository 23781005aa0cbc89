package io.mediamon.enrich.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Extraction for plain-text documents such as the seed: paragraphs are blocks separated by blank lines (or
 * single lines when the document has no blank lines); the title is the first short line that does not end a
 * sentence and is followed by the body; a dateline is looked for at the head of the first body paragraph.
 */
public final class PlainTextExtractor {
  private static final int MAX_TITLE_WORDS = 30;
  private final PlainTextCleaner cleaner = new PlainTextCleaner();
  private final DatelineParser datelines = new DatelineParser();

  /**
   * Extracts from plain text.
   *
   * @param knownTitle a title the source already gave (feed entry title); null to find one in the text
   * @param reference the publication time if known, used to complete a year-less dateline
   */
  public Extraction extract(String text, String knownTitle, Instant reference) {
    PlainTextCleaner.Cleaned cleaned = cleaner.clean(paragraphs(text));
    List<String> body = new ArrayList<>(cleaned.paragraphs());
    String title = knownTitle;
    int firstProse = firstProse(body);
    if (title == null && firstProse > 0 && looksLikeTitle(body.get(firstProse - 1))) {
      // the headline sits right above the first prose paragraph; short lines above it are page chrome
      title = body.get(firstProse - 1);
      body = new ArrayList<>(body.subList(firstProse, body.size()));
    } else if (title != null && !body.isEmpty() && body.get(0).equals(title.strip())) {
      body.remove(0);
    }
    LocalDate referenceDate = reference == null ? null : reference.atZone(ZoneOffset.UTC).toLocalDate();
    Dateline dateline = body.isEmpty() ? null : datelines.parse(body.get(0), referenceDate).orElse(null);
    Instant published = reference;
    if (published == null && dateline != null && dateline.date() != null) {
      published = dateline.date().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    String siteName = dateline == null ? null : dateline.source();
    return new Extraction(title, String.join("\n\n", body), dateline, published, null, List.of(), null, null, siteName, null,
        cleaned.links());
  }

  /** Splits text into paragraphs: blank-line separated blocks, each block's lines joined. */
  static List<String> paragraphs(String text) {
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ');
    if (normalized.startsWith("\uFEFF")) {
      normalized = normalized.substring(1);
    }
    List<String> result = new ArrayList<>();
    boolean hasBlankLines = normalized.contains("\n\n") || normalized.matches("(?s).*\\n[ \\t]+\\n.*");
    if (!hasBlankLines) {
      for (String line : normalized.split("\n")) {
        result.add(line.strip());
      }
      return result;
    }
    for (String block : normalized.split("\\n[ \\t]*\\n")) {
      List<String> lines = new ArrayList<>();
      for (String line : block.split("\n")) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
      if (!lines.isEmpty()) {
        result.add(String.join(" ", lines));
      }
    }
    return result;
  }

  private static int firstProse(List<String> paragraphs) {
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      int words = PlainTextCleaner.wordCount(p);
      if (PlainTextCleaner.isProse(words, PlainTextCleaner.endsLikeSentence(p))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean looksLikeTitle(String line) {
    int words = PlainTextCleaner.wordCount(line);
    String t = line.strip();
    return words > 0 && words <= MAX_TITLE_WORDS && !t.endsWith(".") && !t.endsWith(",") && !t.endsWith(";");
  }
}
