package io.mediamon.enrich.tag;

import io.mediamon.enrich.tag.Gazetteer.Entry;
import io.mediamon.enrich.tag.Gazetteer.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Countries (ISO 3166-1 alpha-2) and places in a text, from country names in many languages, demonyms and
 * adjectives, and capitals and large cities mapped to their country.
 *
 * <p>Guards against the usual false positives: a place word inside a longer capitalised name ("Paris Hilton",
 * "Lomé Actu", "American Express") is not a place; a river ("fleuve Niger", "Niger River") is not a country;
 * "Georgia" is the US state when the text speaks of the United States; capitalised place names must be capitalised
 * in the text ("turkey" is a bird), while French demonyms are adjectives and match in lower case ("russe").
 */
public final class PlaceTagger {
  private static final Set<String> RIVER_BEFORE = Set.copyOf(java.util.Arrays.asList("fleuve", "riviere", "river", "rio", "fluss", "fiume",
      "delta", "bassin", "basin", "lac", "lake", "mont", "mount", "golfe", "gulf", "cuenca"));
  private static final Set<String> RIVER_AFTER = Set.copyOf(java.util.Arrays.asList("river", "delta", "basin", "fluss", "valley", "state",
      "county", "street", "avenue", "road"));
  private static final Set<String> PERSON_TITLES = Set.copyOf(java.util.Arrays.asList("mr", "mrs", "ms", "m", "mme", "mlle", "dr", "sir",
      "herr", "frau", "senor", "senora", "sr", "sra", "don", "dona"));
  /** Words that, anywhere in the text, mean "Georgia" is the US state. */
  private static final Set<String> US_CONTEXT = Set.copyOf(java.util.Arrays.asList("atlanta", "savannah", "governor", "senate", "senator",
      "republican", "republicans", "democrat", "democrats", "gop", "county", "trump", "biden", "congressional"));
  private static final Set<String> CONNECTORS = Set.copyOf(java.util.Arrays.asList("de", "du", "des", "la", "le", "of", "the", "del", "da",
      "do", "di", "van", "von", "der", "al", "el", "bin", "y", "e", "and", "et", "und"));

  private final Gazetteer gazetteer;

  public PlaceTagger(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  /**
   * Places found, with the countries they imply.
   *
   * @param placeSpans token ranges of every gazetteer phrase, including those the guards dropped: "Lomé" in
   *     "Lomé Actu" is not a place tag, but the name is not a person's either
   */
  public record Result(List<String> countries, List<FoundPlace> places, List<TagEvidence> evidence,
      List<int[]> placeSpans) {}

  /** A city mention. */
  public record FoundPlace(String surface, String id, String country) {}

  public Result tag(List<Token> tokens) {
    Map<String, Mention> countries = new LinkedHashMap<>();
    Map<String, FoundPlace> places = new LinkedHashMap<>();
    Map<String, Mention> placeEvidence = new LinkedHashMap<>();
    List<int[]> spans = new ArrayList<>();
    for (var match : gazetteer.dictionary().find(tokens, PlaceTagger::caseAllows)) {
      spans.add(new int[] {match.from(), match.to()});
      if (insideLongerName(tokens, match.from(), match.to()) || riverOrStreet(tokens, match.from(), match.to())
          || afterPersonTitle(tokens, match.from())) {
        continue;
      }
      Token first = tokens.get(match.from());
      String surface = surface(tokens, match.from(), match.to());
      Entry entry = choose(match.entries(), countries.keySet());
      String country = entry.country();
      String rule = switch (entry.kind()) {
        case COUNTRY -> "country-name";
        case DEMONYM_EN -> "demonym-en";
        case DEMONYM_FR -> "demonym-fr";
        case CITY -> "city:" + entry.name();
      };
      if ("GE".equals(country) && "georgia".equals(first.folded()) && match.to() - match.from() == 1
          && speaksOfTheUnitedStates(tokens)) {
        country = "US";
        rule = "georgia-us-state";
      }
      String countryRule = rule;
      countries.computeIfAbsent(country, c -> new Mention(c, surface, first.start(), countryRule)).count++;
      if (entry.kind() == Kind.CITY) {
        String id = "geonames:" + entry.id();
        places.putIfAbsent(id, new FoundPlace(surface, id, country));
        placeEvidence.computeIfAbsent(id, c -> new Mention(c, surface, first.start(), "city-gazetteer")).count++;
      }
    }
    List<TagEvidence> evidence = new ArrayList<>();
    List<String> ranked = new ArrayList<>(countries.keySet());
    ranked.sort(Comparator.comparingInt((String c) -> -countries.get(c).count));
    ranked.forEach(c -> evidence.add(countries.get(c).evidence("country")));
    placeEvidence.values().forEach(m -> evidence.add(m.evidence("place")));
    return new Result(ranked, new ArrayList<>(places.values()), evidence, spans);
  }

  /** Only asked when "Georgia" is found, so most articles never pay for the scan. */
  private static boolean speaksOfTheUnitedStates(List<Token> tokens) {
    for (Token t : tokens) {
      if (US_CONTEXT.contains(t.folded())) {
        return true;
      }
    }
    return false;
  }

  /** Names must be capitalised as written; French demonyms are adjectives and may be lower case. */
  static boolean caseAllows(Entry entry, List<Token> tokens) {
    Token first = tokens.get(0);
    if (entry.kind() == Kind.DEMONYM_FR) {
      return true;
    }
    int cp = first.text().codePointAt(0);
    // scripts without case (Arabic, CJK) cannot be checked
    return Character.isUpperCase(cp) || !Character.isLowerCase(cp);
  }

  /** Among homonyms: a country over a city, then a city in a country the text already names, then the largest. */
  private static Entry choose(List<Entry> entries, Set<String> countriesSoFar) {
    Entry best = entries.get(0);
    for (Entry e : entries) {
      if (rank(e, countriesSoFar) > rank(best, countriesSoFar)) {
        best = e;
      }
    }
    return best;
  }

  private static double rank(Entry e, Set<String> countriesSoFar) {
    if (e.kind() != Kind.CITY) {
      return 1e12;
    }
    return (countriesSoFar.contains(e.country()) ? 1e10 : 0) + e.population();
  }

  /** "Paris Hilton", "Lomé Actu", "Eucap Sahel Niger": a capitalised word right next to the match. */
  private static boolean insideLongerName(List<Token> tokens, int from, int to) {
    if (to < tokens.size() && adjacent(tokens.get(to - 1), tokens.get(to)) && nameLike(tokens.get(to))) {
      return true;
    }
    return from > 0 && adjacent(tokens.get(from - 1), tokens.get(from)) && nameLike(tokens.get(from - 1))
        && !tokens.get(from - 1).sentenceStart();
  }

  private static boolean nameLike(Token t) {
    return t.capitalized() && !CONNECTORS.contains(t.folded()) && !Character.isDigit(t.text().charAt(0));
  }

  private static boolean adjacent(Token a, Token b) {
    return b.start() - a.end() == 1;
  }

  private static boolean riverOrStreet(List<Token> tokens, int from, int to) {
    if (from > 0 && RIVER_BEFORE.contains(tokens.get(from - 1).folded())) {
      return true;
    }
    // "delta du Niger", "bassin du Congo"
    if (from > 1 && CONNECTORS.contains(tokens.get(from - 1).folded()) && RIVER_BEFORE.contains(tokens.get(from - 2).folded())) {
      return true;
    }
    return to < tokens.size() && RIVER_AFTER.contains(tokens.get(to).folded()) && adjacent(tokens.get(to - 1), tokens.get(to));
  }

  private static boolean afterPersonTitle(List<Token> tokens, int from) {
    return from > 0 && PERSON_TITLES.contains(tokens.get(from - 1).folded());
  }

  static String surface(List<Token> tokens, int from, int to) {
    StringBuilder sb = new StringBuilder(tokens.get(from).text());
    for (int i = from + 1; i < to; i++) {
      sb.append(' ').append(tokens.get(i).text());
    }
    return sb.toString();
  }
}
