package io.mediamon.enrich.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.PlainTextExtractor;
import io.mediamon.enrich.extract.SeedDocument;
import io.mediamon.schemas.MediaTopic;
import io.mediamon.schemas.Place;
import io.mediamon.schemas.TagEvidence;
import io.mediamon.schemas.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaggerTest {
  private static Gazetteer gazetteer;
  private static TopicClassifier topics;
  private static Tagger tagger;

  @BeforeAll
  static void load() {
    gazetteer = Gazetteer.load();
    topics = TopicClassifier.load();
    tagger = new Tagger(gazetteer, Watchlist.load(null), topics);
  }

  private static Tags tag(String text, String language) {
    return tagger.tag(null, text, language);
  }

  @Test
  void shouldTagTheSeedAsTheSpecificationSays() throws Exception {
    Extraction x = new PlainTextExtractor().extract(Files.readString(SeedDocument.path()), null, null);
    Tags tags = tagger.tag(x.title(), x.text(), "fr");

    assertThat(tags.getCountries()).contains("NE", "RU", "FR", "ML", "US").doesNotContain("TG", "MP");
    assertThat(tags.getPlaces()).extracting(Place::getName).contains("Niamey", "Bamako", "Moscou");
    assertThat(tags.getPlaces()).filteredOn(p -> p.getName().equals("Niamey")).singleElement()
        .satisfies(p -> {
          assertThat(p.getId()).isEqualTo("geonames:2440485");
          assertThat(p.getCountry()).isEqualTo("NE");
        });
    assertThat(tags.getPeople()).contains("Yunus-Bek Yevkurov", "Abdourahamane Tiani").doesNotContain("Lomé Actu");
    assertThat(tags.getOrganizations()).contains("Wagner", "European Union");
    assertThat(tags.getTopics()).extracting(MediaTopic::getCode).contains("16000000", "11000000");
    assertThat(tags.getTopics()).allSatisfy(t -> assertThat(t.getScore()).isBetween(0.0, 1.0));

    // every tag explains itself
    assertThat(tags.getEvidence()).filteredOn(e -> e.getType().equals("country") && e.getValue().equals("US"))
        .singleElement().satisfies(e -> {
          assertThat(e.getSurface()).isEqualTo("américaine");
          assertThat(e.getRule()).isEqualTo("demonym-fr");
          String full = x.title() + "\n\n" + x.text();
          assertThat(full.substring(e.getOffset(), e.getOffset() + e.getSurface().length())).isEqualTo("américaine");
        });
    assertThat(tags.getEvidence()).filteredOn(e -> e.getValue().equals("Yunus-Bek Yevkurov"))
        .extracting(TagEvidence::getCount).containsExactly(2);
    assertThat(tags.getEvidence()).filteredOn(e -> e.getValue().equals("European Union"))
        .extracting(TagEvidence::getRule).containsExactly("watchlist:eu");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "The European Commission met European ministers in Brussels on Tuesday. | BE | ",
      "Heavy rain flooded Atlanta, Georgia, and the governor declared an emergency. | US | GE",
      "Tbilisi says Georgia wants closer ties with Brussels and the EU. | GE | US",
      "Les pêcheurs du fleuve Niger manquent d'eau cette année à Bamako. | ML | NE",
      "Pollution in the Niger Delta worries residents of Lagos. | NG | NE",
      "Paris Hilton opened a hotel in Dubai last year. | AE | FR",
      "We ate turkey with american friends at a china shop. | | TR",
      "He paid with American Express at the airport. | | US",
      "Jordan Peterson spoke in Toronto on Monday. | CA | JO",
      "Le journal Lomé Actu a publié un article. | | TG",
  })
  void shouldAvoidTheKnownFalsePositives(String text, String expected, String forbidden) {
    Tags tags = tag(text, "en");
    if (expected != null) {
      assertThat(tags.getCountries()).contains(expected);
    }
    if (forbidden != null) {
      assertThat(tags.getCountries()).doesNotContain(forbidden);
    }
    assertThat(tags.getPeople()).doesNotContain("Jordan Peterson", "Paris Hilton").as("place guards never invent people");
  }

  @Test
  void shouldFindAWatchlistEntityInThreeLanguagesIgnoringAccentsAndCaseWithinWordBoundaries(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("watchlist.yaml");
    Files.writeString(file, """
        - id: icrc
          type: organization
          name: International Committee of the Red Cross
          wikidata: Q71
          aliases:
            en: [International Committee of the Red Cross, ICRC]
            fr: [Comité international de la Croix-Rouge, CICR]
            de: [Internationales Komitee vom Roten Kreuz, IKRK]
        - id: tiani
          type: person
          name: Abdourahamane Tiani
          aliases:
            fr: [Abdourahamane Tchiani, général Tiani]
        """);
    Tagger custom = new Tagger(gazetteer, Watchlist.load(file), topics);
    String name = "International Committee of the Red Cross";

    assertThat(custom.tag(null, "The ICRC said aid convoys reached the city.", "en").getOrganizations()).contains(name);
    assertThat(custom.tag(null, "Le Comite international de la croix-rouge a alerté sur la situation.", "fr")
        .getOrganizations()).contains(name);
    assertThat(custom.tag(null, "Das Internationale Komitee vom Roten Kreuz warnt.", "de").getOrganizations())
        .as("a German inflection is another alias, not a match: the list must say it")
        .doesNotContain(name);
    assertThat(custom.tag(null, "Das Internationales Komitee vom Roten Kreuz warnt.", "de").getOrganizations())
        .contains(name);
    assertThat(custom.tag(null, "Le CICRX et la cicr ne sont pas le CICR.", "fr").getEvidence())
        .filteredOn(e -> e.getValue().equals(name)).singleElement()
        .satisfies(e -> assertThat(e.getCount()).as("only the whole-word capitals CICR").isEqualTo(1));
    assertThat(custom.tag(null, "Selon Abdourahamane Tchiani, la transition durera trois ans.", "fr").getPeople())
        .containsExactly("Abdourahamane Tiani");
  }

  @Test
  void shouldGiveATopicOnlyOnRepeatedEvidence() {
    assertThat(tag("The match ended 2-1 after the team's coach changed players; the league title race "
        + "and the championship remain open, the football federation said.", "en").getTopics())
        .extracting(MediaTopic::getCode).containsExactly("15000000");
    assertThat(tag("He said the war of words between the two neighbours would end soon, and left for lunch "
        + "with friends at a restaurant near the station in the old town.", "en").getTopics())
        .extracting(MediaTopic::getCode).doesNotContain("16000000");
    assertThat(tag("Ein Text ohne Lexikon für seine Sprache.", "fi").getTopics()).isEmpty();
  }

  @Test
  void shouldRankPeopleByMentionsAndFoldASurnameIntoTheFullName() {
    Tags tags = tag("Le général Abdourahamane Tiani a reçu Yunus-Bek Yevkurov. Yevkurov a salué Tiani, "
        + "puis le ministre Yevkurov est reparti.", "fr");
    assertThat(tags.getPeople()).containsExactly("Yunus-Bek Yevkurov", "Abdourahamane Tiani");
  }

  @Test
  void shouldNotMakePeopleOfATitleCaseHeadline() {
    String text = "So much has been said about the whirlwind King Tut exhibition, launched last week at LACMA, that "
        + "I hesitated to talk about it.";
    Tags headline = tagger.tag("King Tut: First Time's A Charm, The Second Time A Travesty", text, "en");
    assertThat(headline.getPeople()).contains("King Tut").doesNotContain("First Time's", "Second Time");
    // a headline in sentence case keeps its capitals: there they mark names
    Tags sentenceCase = tagger.tag("Angela Merkel meets the press in Berlin", "She spoke for an hour.", "en");
    assertThat(sentenceCase.getPeople()).contains("Angela Merkel");
  }
}
