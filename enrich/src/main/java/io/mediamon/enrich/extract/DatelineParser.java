package io.mediamon.enrich.extract;

import io.mediamon.enrich.tag.Tokenizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses datelines in the common wire formats of French, English, Spanish, German, Portuguese and Italian:
 * {@code Niamey, 06 décembre 2023 (Lomé Actu) –}, {@code PARIS (Reuters) -}, {@code WASHINGTON, Jan. 5 (AP) —},
 * {@code Madrid, 5 de enero de 2024 (EFE).-}, {@code BERLIN, 5. Januar (Reuters) -}, {@code ROMA, 5 gennaio (ANSA) -}.
 *
 * <p>A dateline needs a place and at least a date or a source; a year-less date takes the year of the reference
 * date (publication time), moved back a year when that would put it in the future.
 */
public final class DatelineParser {
  // Place: capitalised words (Saint-Louis, New York, Rio de Janeiro, N'Djamena), up to five, no digits; a
  // lower-case word other than a connector means it is a sentence, not a place.
  private static final String PLACE = "(?<place>\\p{Lu}[\\p{L}'’.\\-]*(?:[ \\-](?:(?:de|du|des|da|do|del|la|el|al|am|an|upon|sur|on|en) )?"
      + "\\p{Lu}[\\p{L}'’.\\-]*){0,4})";
  private static final String DATE = "(?<date>[^()\\n–—]{3,40}?)";
  private static final String SOURCE = "\\((?<source>[^()\\n]{2,40})\\)";
  private static final String DASH = "(?:\\s*(?:[–—―-]{1,2}|\\.-|:)\\s+)";
  private static final Pattern WITH_DATE = Pattern.compile(
      "^\\s*" + PLACE + "\\s*,\\s*" + DATE + "\\s*(?:" + SOURCE + ")?" + DASH);
  private static final Pattern SOURCE_ONLY = Pattern.compile("^\\s*" + PLACE + "\\s*" + SOURCE + DASH);

  private static final Map<String, Integer> MONTHS = months();
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
      "^(?:[\\p{L}]+\\.?,?\\s+)?(?<day>\\d{1,2})(?:er|º|°|\\.)?\\s+(?:de\\s+)?(?<month>[\\p{L}]+)\\.?(?:\\s+(?:de\\s+)?(?<year>\\d{4}))?$");
  private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
      "^(?<month>[\\p{L}]+)\\.?\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?<year>\\d{4}))?$");
  private static final Pattern NUMERIC = Pattern.compile("^(?<day>\\d{1,2})[./](?<month>\\d{1,2})[./](?<year>\\d{4})$");

  /** Parses a dateline at the very start of {@code paragraph}; {@code reference} supplies a missing year. */
  public Optional<Dateline> parse(String paragraph, LocalDate reference) {
    if (paragraph == null || paragraph.isBlank()) {
      return Optional.empty();
    }
    String head = paragraph.length() > 160 ? paragraph.substring(0, 160) : paragraph;
    Matcher m = WITH_DATE.matcher(head);
    if (m.find()) {
      LocalDate date = parseDate(m.group("date").trim(), reference);
      if (date != null) {
        return Optional.of(new Dateline(cleanPlace(m.group("place")), date, trimToNull(m.group("source")), m.end()));
      }
    }
    m = SOURCE_ONLY.matcher(head);
    if (m.find() && looksLikeSource(m.group("source"))) {
      return Optional.of(new Dateline(cleanPlace(m.group("place")), null, m.group("source").trim(), m.end()));
    }
    return Optional.empty();
  }

  /** Parses a date as written in a dateline; null when it is not one. */
  static LocalDate parseDate(String text, LocalDate reference) {
    String t = text.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
    Matcher m = NUMERIC.matcher(t);
    if (m.matches()) {
      return date(Integer.parseInt(m.group("year")), Integer.parseInt(m.group("month")),
          Integer.parseInt(m.group("day")));
    }
    for (Pattern p : new Pattern[] {DAY_MONTH_YEAR, MONTH_DAY_YEAR}) {
      m = p.matcher(t);
      if (m.matches()) {
        Integer month = MONTHS.get(fold(m.group("month")));
        if (month == null) {
          continue;
        }
        int day = Integer.parseInt(m.group("day"));
        if (m.group("year") != null) {
          return date(Integer.parseInt(m.group("year")), month, day);
        }
        LocalDate ref = reference == null ? LocalDate.now() : reference;
        LocalDate guess = date(ref.getYear(), month, day);
        return guess != null && guess.isAfter(ref.plusDays(1)) ? date(ref.getYear() - 1, month, day) : guess;
      }
    }
    return null;
  }

  private static LocalDate date(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean looksLikeSource(String source) {
    // "(Reuters)", "(AFP)", "(dpa)": short, no sentence inside the parentheses
    String s = source.trim();
    return s.split("\\s+").length <= 4 && !s.endsWith(".");
  }

  private static String cleanPlace(String place) {
    String p = place.trim();
    return p.equals(p.toUpperCase(Locale.ROOT)) && p.length() > 3 ? titleCase(p) : p;
  }

  private static String titleCase(String upper) {
    StringBuilder out = new StringBuilder(upper.length());
    boolean start = true;
    for (char c : upper.toCharArray()) {
      out.append(start ? c : Character.toLowerCase(c));
      start = c == ' ' || c == '-' || c == '\'' || c == '’';
    }
    return out.toString();
  }

  private static String trimToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static String fold(String word) {
    return Tokenizer.fold(word.replace(".", ""));
  }

  private static Map<String, Integer> months() {
    String[][] names = {
      // fr, en, es, de, pt, it, and the abbreviations wire services use
      {"janvier", "janv", "january", "jan", "enero", "ene", "januar", "janeiro", "gennaio", "genn", "gen", "jänner", "jaenner"},
      {"fevrier", "fevr", "fev", "february", "feb", "febrero", "februar", "fevereiro", "fev", "febbraio", "febb"},
      {"mars", "march", "mar", "marzo", "marz", "maerz", "marco"},
      {"avril", "avr", "april", "apr", "abril", "abr", "aprile"},
      {"mai", "may", "mayo", "maio", "maggio", "magg"},
      {"juin", "june", "jun", "junio", "juni", "junho", "giugno", "giu"},
      {"juillet", "juil", "july", "jul", "julio", "juli", "julho", "luglio", "lug"},
      {"aout", "august", "aug", "agosto", "ago"},
      {"septembre", "sept", "sep", "september", "septiembre", "setiembre", "setembro", "settembre", "sett", "set"},
      {"octobre", "oct", "october", "octubre", "oktober", "okt", "outubro", "out", "ottobre", "ott"},
      {"novembre", "nov", "november", "noviembre", "novembro"},
      {"decembre", "dec", "december", "diciembre", "dic", "dezember", "dez", "dezembro", "dicembre"},
    };
    Map<String, Integer> map = new java.util.HashMap<>();
    for (int i = 0; i < names.length; i++) {
      for (String n : names[i]) {
        map.putIfAbsent(fold(n), i + 1);
      }
    }
    return Map.copyOf(map);
  }
}
