package io.mediamon.enrich.tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Countries and major cities, from {@code gazetteer/countries.tsv} (world-countries, ODbL: names in ~25 languages,
 * English and French demonyms) plus the JDK's CLDR country names in the major news languages, and
 * {@code gazetteer/cities.tsv.gz} (GeoNames cities1000, CC BY 4.0: capitals and cities of 300,000 or more, with
 * their alternate names). Built by {@code tools/gazetteer/build.py}.
 */
public final class Gazetteer {
  /** What a gazetteer phrase names. */
  public enum Kind { COUNTRY, DEMONYM_EN, DEMONYM_FR, CITY }

  /**
   * One gazetteer entry.
   *
   * @param kind what the phrase is
   * @param country ISO 3166-1 alpha-2
   * @param id GeoNames id for cities, null for countries
   * @param name the entry's own name (English country name, GeoNames city name)
   * @param population city population, 0 for countries
   */
  public record Entry(Kind kind, String country, String id, String name, long population) {}

  private static final List<Locale> CLDR_LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN,
      Locale.ITALIAN, Locale.forLanguageTag("es"), Locale.forLanguageTag("pt"), Locale.forLanguageTag("nl"),
      Locale.forLanguageTag("ru"), Locale.forLanguageTag("ar"), Locale.forLanguageTag("tr"), Locale.forLanguageTag("pl"),
      Locale.forLanguageTag("sv"), Locale.forLanguageTag("uk"), Locale.forLanguageTag("ro"));
  /** Country names that are also ordinary words in a language the pipeline reads. */
  private static final Set<String> NOT_ON_THEIR_OWN = Set.of("reunion", "jersey", "man", "chad", "guernsey");

  private final PhraseDictionary<Entry> dictionary = new PhraseDictionary<>();

  /** Loads the bundled data; about 2,000 entries and 40,000 phrases. */
  public static Gazetteer load() {
    Gazetteer g = new Gazetteer();
    g.loadCountries();
    g.loadCldrNames();
    g.loadCities();
    return g;
  }

  public PhraseDictionary<Entry> dictionary() {
    return dictionary;
  }

  private void loadCountries() {
    for (String[] row : rows("gazetteer/countries.tsv", false)) {
      Kind kind = switch (row[1]) {
        case "name" -> Kind.COUNTRY;
        case "demonym-en" -> Kind.DEMONYM_EN;
        case "demonym-fr" -> Kind.DEMONYM_FR;
        default -> null;
      };
      if (kind == null) {
        continue;
      }
      String[] forms = row[2].split("\\|");
      String name = kind == Kind.COUNTRY ? forms[0] : new Locale("", row[0]).getDisplayCountry(Locale.ENGLISH);
      Entry entry = new Entry(kind, row[0], null, name, 0);
      for (String form : forms) {
        add(form, entry);
      }
    }
  }

  private void loadCldrNames() {
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale("", code);
      Entry entry = new Entry(Kind.COUNTRY, code, null, country.getDisplayCountry(Locale.ENGLISH), 0);
      for (Locale language : CLDR_LOCALES) {
        add(country.getDisplayCountry(language), entry);
      }
    }
  }

  private void loadCities() {
    for (String[] row : rows("gazetteer/cities.tsv.gz", true)) {
      String[] names = row[4].split("\\|");
      Entry entry = new Entry(Kind.CITY, row[1], row[0], names[0], Long.parseLong(row[2].isEmpty() ? "0" : row[2]));
      for (String name : names) {
        add(name, entry);
      }
    }
  }

  private void add(String phrase, Entry entry) {
    if (phrase == null || phrase.length() < 3 || NOT_ON_THEIR_OWN.contains(Tokenizer.key(phrase))) {
      return;
    }
    dictionary.add(phrase, entry);
  }

  private static List<String[]> rows(String resource, boolean gzip) {
    try (InputStream raw = Gazetteer.class.getClassLoader().getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
