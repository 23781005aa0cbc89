package io.mediamon.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamon.schemas.AlertRecord;
import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.LinkedPost;
import io.mediamon.schemas.MediaTopic;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.Source;
import io.mediamon.schemas.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class QueryTest {
  public static EventRecord seedLike() {
    return EventRecord.newBuilder()
        .setId("seed").setStoryId("seed")
        .setSource(Source.newBuilder().setSiteName("Lomé Actu").build())
        .setTitle("Niger : La Russie s’installe après le départ forcé de la France")
        .setLanguage("fr")
        .setText("Le vice-ministre de la Défense et nouveau chef du groupe Wagner a effectué une visite au Niger. "
            + "Les hélicoptères de combat et la coopération militaire étaient au menu.")
        .setTags(Tags.newBuilder().setCountries(List.of("NE", "RU", "FR", "ML", "US"))
            .setOrganizations(List.of("European Union", "Wagner")).setPeople(List.of("Yunus-Bek Yevkurov"))
            .setTopics(List.of(MediaTopic.newBuilder().setCode("16000000").setLabel("conflict, war and peace").build(),
                MediaTopic.newBuilder().setCode("20000053").setLabel("act of terror").setLevel(2)
                    .setParent("16000000").build()))
            .build())
        .setLinkedPosts(List.of(LinkedPost.newBuilder().setPlatform("x").setPostId("1").setUrl("u").build()))
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
        .setProvenance(Provenance.newBuilder().build())
        .build();
  }

  private static boolean matches(String query) {
    return Query.parse(query).matches(new Query.EventView(seedLike()), new HashSet<>());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "country:NE AND topic:16000000 | true",
      "country:NE topic:16000000 | true",
      "country:TG | false",
      "topic:20000053 | true",
      "topic:20000056 | false",
      "lang:fr AND NOT lang:en | true",
      "entity:\"Wagner\" OR entity:Tiani | true",
      "entity:wagner | true",
      "\"coopération militaire\" | true",
      "\"cooperation MILITAIRE\" | true",
      "militaire | true",
      "milit | false",
      "helicopteres AND (combat OR bombardier) | true",
      "(russie OR chine) AND NOT france | false",
      "source:\"Lomé Actu\" AND post:x | true",
      "post:bluesky | false",
  })
  void shouldEvaluateWordsPhrasesBooleansAndFieldFilters(String query, boolean expected) {
    assertThat(matches(query)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "country:NE AND (topic:16000000 | 16 | '(' is never closed",
      "country:NE AND | 15 | a term is missing at the end",
      "\"Wagner | 1 | quote is never closed",
      "colour:red | 1 | unknown field 'colour'",
      "country: NE | 9 | a value is missing after 'country:'",
      "OR russie | 1 | 'OR' needs a term before it",
      "russie ) | 8 | unexpected ')'",
  })
  void shouldReportASyntaxErrorWithItsPosition(String query, int position, String problem) {
    assertThatThrownBy(() -> Query.parse(query))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("position " + position + ": " + problem);
  }

  @Test
  void shouldRefuseAnEmptyQuery() {
    assertThatThrownBy(() -> Query.parse("   ")).hasMessageContaining("position 1: empty query");
  }

  @Test
  void shouldLoadGoodRulesAndReportABadOneWithoutStoppingTheOthers(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, """
        - id: niger-conflict
          query: country:NE AND topic:16000000
        - id: broken
          query: country:NE AND (topic:16000000
        - id: wagner
          query: entity:"Wagner"
        - id: sport
          query: topic:15000000
        """);
    RuleBook.Loaded loaded = RuleBook.load(file);
    assertThat(loaded.rules()).extracting(RuleBook.Rule::id).containsExactly("niger-conflict", "wagner", "sport");
    assertThat(loaded.errors()).singleElement().asString()
        .contains("rule broken", "position 16", "'(' is never closed");

    List<AlertRecord> alerts = AlertsApp.evaluate(loaded.rules(), seedLike(), null, Instant.EPOCH);
    assertThat(alerts).extracting(AlertRecord::getAlertId).containsExactly("niger-conflict:seed", "wagner:seed");
    assertThat(alerts.get(0).getMatchedTerms()).containsExactly("country:NE", "topic:16000000");
    Set<String> ids = new HashSet<>();
    alerts.forEach(a -> ids.add(a.getAlertId()));
    assertThat(ids).as("alert ids are idempotency keys: rule and story").hasSize(2);
  }

  @org.junit.jupiter.api.Test
  void shouldMatchAParentCodeOnAnEventTaggedWithItsChild() {
    EventRecord childOnly = EventRecord.newBuilder(seedLike())
        .setTags(Tags.newBuilder(seedLike().getTags()).setTopics(List.of(MediaTopic.newBuilder().setCode("20000053")
            .setLabel("act of terror").setLevel(2).setParent("16000000").build())).build())
        .build();
    org.assertj.core.api.Assertions.assertThat(Query.parse("topic:16000000")
        .matches(new Query.EventView(childOnly), new HashSet<>())).isTrue();
    org.assertj.core.api.Assertions.assertThat(Query.parse("topic:11000000")
        .matches(new Query.EventView(childOnly), new HashSet<>())).isFalse();
  }
}
