package io.mediamon.enrich.tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * People and organisations: watchlist hits first, then candidates found without a list. A candidate is a run of
 * capitalised words (with connectors such as "de", "van", "bin" inside). It is an organisation when it carries an
 * organisation word ("Group", "Banque", "Partei"), follows one in lower case ("le groupe Wagner"), or is an
 * acronym; a person when it is two to four name-like words, or one after a title ("général Tiani"). A run that
 * contains a place and is neither is dropped (it is probably a company or publication named after the place).
 * Candidates are ranked by how often the article names them; a surname alone counts for the full name it ends.
 */
public final class EntityTagger {
  private static final Set<String> CONNECTORS = Set.copyOf(java.util.Arrays.asList("de", "du", "des", "la", "le", "d", "van", "von", "der", "den",
      "bin", "ibn", "al", "el", "da", "di", "do", "dos", "das", "del", "y", "ben", "ould", "ag"));
  private static final Set<String> ORG_WORDS = Set.copyOf(java.util.Arrays.asList("group", "groupe", "gruppe", "grupo", "gruppo", "union", "bank",
      "banque", "banco", "banca", "party", "parti", "partei", "partido", "partito", "ministry", "ministere", "ministerium",
      "ministerio", "ministero", "council", "conseil", "rat", "consejo", "consiglio", "agency", "agence", "agentur",
      "agencia", "agenzia", "company", "compagnie", "corporation", "corp", "inc", "ltd", "llc", "plc", "sa", "ag",
      "gmbh", "spa", "sas", "university", "universite", "universitat", "universidad", "universita", "army", "armee",
      "ejercito", "forces", "force", "front", "movement", "mouvement", "bewegung", "movimiento", "organisation",
      "organization", "organizacion", "association", "federation", "commission", "kommission", "comision",
      "committee", "comite", "institute", "institut", "instituto", "fund", "fonds", "foundation", "fondation",
      "stiftung", "fundacion", "office", "bureau", "police", "polizei", "policia", "assembly", "assemblee",
      "parliament", "parlement", "parlament", "senate", "senat", "court", "cour", "tribunal", "gericht", "airlines",
      "airways", "times", "post", "news", "press", "presse", "media", "radio", "tv", "television", "church", "eglise",
      "club", "fc", "house", "maison", "telecom", "motors", "holdings", "capital", "partners", "brigade", "coalition",
      "alliance", "alliances", "authority", "autorite", "ministries", "department", "departement", "nations"));
  /** Lower-case words after which a capitalised run names an organisation: "le groupe Wagner". */
  private static final Set<String> ORG_LEAD = Set.copyOf(java.util.Arrays.asList("groupe", "group", "societe", "entreprise", "compagnie", "parti",
      "mouvement", "firme", "banque", "agence", "company", "firm", "party", "grupo", "empresa", "partido", "konzern",
      "unternehmen", "firma", "partei", "gruppe", "gruppo", "societa", "azienda", "milice", "militia", "milicia",
      "journal", "quotidien", "newspaper", "hebdomadaire", "chaine", "channel"));
  /** Titles before a name: "général Abdourahamane Tiani", "President Macron". */
  private static final Set<String> PERSON_TITLES = Set.copyOf(java.util.Arrays.asList("general", "president", "presidente", "prasident", "ministre",
      "vice-ministre", "minister", "ministro", "premier", "chancellor", "chancelier", "kanzler", "kanzlerin", "m", "mme",
      "mr", "mrs", "ms", "dr", "colonel", "capitaine", "captain", "lieutenant", "commandant", "senateur", "senator",
      "senador", "depute", "deputy", "diputado", "roi", "king", "queen", "reine", "rey", "reina", "konig", "pape", "pope",
      "papa", "prince", "princesse", "sheikh", "cheikh", "imam", "juge", "judge", "juez", "porte-parole", "spokesman",
      "spokeswoman", "ceo", "pdg", "gouverneur", "governor", "gobernador", "maire", "mayor", "alcalde", "professeur",
      "professor", "sir", "dame", "herr", "frau", "senor", "senora", "monsieur", "madame", "marechal", "marshal",
      "ambassadeur", "ambassadrice", "ambassador", "embajador", "secretaire", "secretary", "commissaire", "chef",
      "leader", "dirigeant", "opposant", "activiste", "activist", "journaliste", "journalist", "lord", "baron"));
  /** Capitalised words that open sentences, name days and months, or are titles: never a name on their own. */
  static final Set<String> STOP = Set.copyOf(java.util.Arrays.asList(
      // fr
      "le", "la", "les", "un", "une", "des", "du", "de", "dans", "il", "elle", "ils", "elles", "on", "nous", "vous",
      "ce", "cet", "cette", "ces", "cela", "ceci", "ca", "mais", "et", "ou", "donc", "or", "ni", "car", "si", "selon",
      "pour", "par", "avec", "sans", "sur", "sous", "apres", "avant", "depuis", "pendant", "lors", "alors", "ainsi",
      "cependant", "neanmoins", "toutefois", "pourtant", "enfin", "aussi", "en", "au", "aux", "a", "lundi", "mardi",
      "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "fevrier", "mars", "avril", "mai", "juin",
      "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "etat", "etats", "gouvernement", "defense",
      // en
      "the", "a", "an", "in", "on", "at", "he", "she", "they", "we", "it", "this", "that", "these", "those", "but",
      "and", "or", "if", "when", "while", "after", "before", "since", "during", "according", "however", "meanwhile",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
      "april", "may", "june", "july", "august", "september", "october", "november", "december", "prime", "minister",
      "president", "mr", "mrs", "ms", "dr", "state", "government",
      // es / pt / it
      "el", "los", "las", "una", "unos", "en", "con", "por", "para", "pero", "segun", "tras", "o", "os", "as", "um",
      "uma", "em", "no", "na", "nos", "nas", "com", "il", "lo", "gli", "uno", "nel", "nella", "con", "per", "ma",
      "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "enero", "febrero", "marzo", "abril",
      "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
      // de
      "der", "die", "das", "ein", "eine", "und", "oder", "aber", "im", "am", "nach", "vor", "seit", "laut", "montag",
      "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "marz", "juni",
      "juli", "oktober", "dezember"));

  private final Watchlist watchlist;

  public EntityTagger(Watchlist watchlist) {
    this.watchlist = watchlist;
  }

  /** People and organisations, each ranked by mentions, with their evidence. */
  public record Result(List<String> people, List<String> organizations, List<TagEvidence> evidence) {}

  /**
   * @param placeSpans token ranges already recognised as places, so "Niamey" is not a person and "Lomé Actu" is
   *     not tagged at all
   */
  public Result tag(List<Token> tokens, List<int[]> placeSpans) {
    boolean[] isPlace = new boolean[tokens.size()];
    for (int[] span : placeSpans) {
      for (int i = span[0]; i < span[1]; i++) {
        isPlace[i] = true;
      }
    }
    Map<String, Mention> people = new LinkedHashMap<>();
    Map<String, Mention> orgs = new LinkedHashMap<>();
    boolean[] taken = new boolean[tokens.size()];

    for (var match : watchlist.dictionary().find(tokens, Watchlist::caseAllows)) {
      Watchlist.Item item = match.entries().get(0).item();
      Token first = tokens.get(match.from());
      Map<String, Mention> target = item.type().equals("person") ? people : orgs;
      target.computeIfAbsent(item.name(), n -> new Mention(n, PlaceTagger.surface(tokens, match.from(), match.to()),
          first.start(), "watchlist:" + item.id())).count++;
      for (int i = match.from(); i < match.to(); i++) {
        taken[i] = true;
      }
    }

    int i = 0;
    while (i < tokens.size()) {
      int start = runStart(tokens, i, taken);
      if (start < 0) {
        i++;
        continue;
      }
      int end = runEnd(tokens, start, taken);
      classify(tokens, start, end, isPlace, people, orgs);
      i = end;
    }
    mergeSurnames(people);
    List<TagEvidence> evidence = new ArrayList<>();
    List<String> rankedPeople = rank(people, "person", evidence);
    List<String> rankedOrgs = rank(orgs, "organization", evidence);
    return new Result(rankedPeople, rankedOrgs, evidence);
  }

  private static int runStart(List<Token> tokens, int i, boolean[] taken) {
    Token t = tokens.get(i);
    if (taken[i] || !t.capitalized() || Character.isDigit(t.text().charAt(0))) {
      return -1;
    }
    if (STOP.contains(t.folded())) {
      return -1;
    }
    return i;
  }

  private static int runEnd(List<Token> tokens, int start, boolean[] taken) {
    int end = start + 1;
    while (end < tokens.size()) {
      Token t = tokens.get(end);
      if (!adjacentWords(tokens.get(end - 1), t) || taken[end]) {
        break;
      }
      if (t.capitalized() && !STOP.contains(t.folded())) {
        end++;
        continue;
      }
      // connectors inside a name: "Banque de France", "Osama bin Laden"; at most two in a row
      int k = end;
      while (k < tokens.size() && k - end < 2 && CONNECTORS.contains(tokens.get(k).folded()) && !tokens.get(k).capitalized()
          && adjacentWords(tokens.get(k - 1), tokens.get(k))) {
        k++;
      }
      if (k > end && k < tokens.size() && tokens.get(k).capitalized() && adjacentWords(tokens.get(k - 1), tokens.get(k))
          && !STOP.contains(tokens.get(k).folded())) {
        end = k + 1;
        continue;
      }
      break;
    }
    return end;
  }

  private static boolean adjacentWords(Token a, Token b) {
    // a space, or an apostrophe of an elision ("l’Union")
    int gap = b.start() - a.end();
    return gap == 1 || gap == 0;
  }

  private static void classify(List<Token> tokens, int start, int end, boolean[] isPlace, Map<String, Mention> people,
      Map<String, Mention> orgs) {
    String name = PlaceTagger.surface(tokens, start, end);
    Token first = tokens.get(start);
    boolean hasPlace = false;
    boolean allPlace = true;
    boolean orgWord = false;
    for (int k = start; k < end; k++) {
      hasPlace |= isPlace[k];
      allPlace &= isPlace[k] || CONNECTORS.contains(tokens.get(k).folded());
      orgWord |= ORG_WORDS.contains(tokens.get(k).folded());
    }
    if (allPlace) {
      return;
    }
    Token before = start > 0 ? tokens.get(start - 1) : null;
    boolean orgLead = before != null && !before.capitalized() && ORG_LEAD.contains(before.folded());
    boolean titled = before != null && PERSON_TITLES.contains(before.folded());
    int words = end - start;
    if (orgWord || orgLead || (words == 1 && first.acronym() && !isRomanNumeral(first.text()))) {
      String rule = orgLead ? "candidate-org-after:" + before.folded() : orgWord ? "candidate-org-word" : "candidate-acronym";
      orgs.computeIfAbsent(name, n -> new Mention(n, n, first.start(), rule)).count++;
      return;
    }
    if (hasPlace) {
      return;
    }
    boolean nameLike = true;
    for (int k = start; k < end; k++) {
      Token t = tokens.get(k);
      nameLike &= CONNECTORS.contains(t.folded()) || (t.capitalized() && !t.acronym() && t.text().length() > 1);
    }
    if (nameLike && ((words >= 2 && words <= 4) || (words == 1 && titled))) {
      people.computeIfAbsent(name, n -> new Mention(n, n, first.start(), titled ? "candidate-person-after-title"
          : "candidate-person-name")).count++;
    }
  }

  private static boolean isRomanNumeral(String s) {
    return s.matches("[IVXLC]+");
  }

  /** "Yevkurov" alone is "Yunus-Bek Yevkurov" when the article names him in full. */
  private static void mergeSurnames(Map<String, Mention> people) {
    for (String single : new ArrayList<>(people.keySet())) {
      if (single.contains(" ")) {
        continue;
      }
      Mention full = people.values().stream()
          .filter(m -> m.value.contains(" ") && m.value.endsWith(" " + single)).findFirst().orElse(null);
      if (full != null) {
        full.count += people.remove(single).count;
      }
    }
  }

  private static List<String> rank(Map<String, Mention> found, String type, List<TagEvidence> evidence) {
    List<Mention> list = new ArrayList<>(found.values());
    list.sort(Comparator.comparingInt((Mention f) -> -f.count).thenComparingInt(f -> f.offset));
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Mention f : list) {
      if (seen.add(f.value)) {
        names.add(f.value);
        evidence.add(f.evidence(type));
      }
    }
    return names;
  }
}
