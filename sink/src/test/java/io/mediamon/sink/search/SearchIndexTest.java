package io.mediamon.sink.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.MediaTopic;
import io.mediamon.schemas.Source;
import io.mediamon.sink.alert.Query;
import io.mediamon.sink.alert.QueryTest;
import io.mediamon.testsupport.Mutator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search over the past finds exactly what the same saved query would have alerted on; offsets survive a reopen. */
class SearchIndexTest {
  @TempDir Path dir;

  @Test
  void shouldFindExactlyWhatTheAlertsWouldMatchForEveryQuery() {
    List<EventRecord> events = events(200);
    List<String> queries = List.of("country:NE", "country:NO", "country:NE AND topic:16000000", "topic:16000000",
        "topic:20000053", "lang:fr AND NOT lang:en", "entity:\"Wagner\" OR entity:Tiani", "\"coopération militaire\"",
        "\"militaire étaient\"", "militaire", "milit", "helicopteres AND (combat OR bombardier)",
        "(russie OR chine) AND NOT france", "source:\"Lomé Actu\" AND post:x", "post:bluesky", "NOT country:NE",
        "niger OR mali", "place:Niamey");
    try (SearchIndex index = new SearchIndex(dir)) {
      events.forEach(index::add);
      index.commit(Map.of("media.events", Map.of(0, 200L)));
      for (String text : queries) {
        Query query = Query.parse(text);
        Set<String> expected = events.stream()
            .filter(e -> query.matches(new Query.EventView(e), new HashSet<>())).map(EventRecord::getId)
            .collect(Collectors.toCollection(TreeSet::new));
        SearchIndex.Result result = index.search(query, 0, 1000);
        assertThat(result.total()).as(text).isEqualTo(expected.size());
        Set<String> found = result.hits().stream().map(h -> h.event().get("id").asText())
            .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).as(text).isEqualTo(expected);
      }
      assertThat(index.search(Query.parse("country:NE"), 0, 1000).total()).isPositive();
      assertThat(index.search(Query.parse("country:NO"), 0, 1000).total()).isZero();
    }
  }

  @Test
  void shouldPageNewestFirstCountFacetsAndKeepItsOffsetsAcrossAReopen() {
    List<EventRecord> events = events(50);
    try (SearchIndex index = new SearchIndex(dir)) {
      events.forEach(index::add);
      events.subList(0, 10).forEach(index::add); // a re-delivery replaces, never doubles
      EventRecord copy = QueryTest.seedLike();
      copy.setId("copy-of-e3");
      copy.setStoryId("e3");
      copy.setPublishedAt(Instant.parse("2023-12-20T00:00:00Z"));
      index.add(copy, true); // on its story's page, never a hit
      index.commit(Map.of("media.events", Map.of(0, 50L, 1, 7L)));
      SearchIndex.Result first = index.search(Query.parse("niger OR mali OR russie OR france"), 0, 20);
      SearchIndex.Result second = index.search(Query.parse("niger OR mali OR russie OR france"), 1, 20);
      assertThat(first.hits()).hasSize(20);
      List<String> dates = new ArrayList<>();
      first.hits().forEach(h -> dates.add(h.event().get("published_at").asText()));
      second.hits().forEach(h -> dates.add(h.event().get("published_at").asText()));
      assertThat(dates).isSortedAccordingTo((a, b) -> b.compareTo(a));
      assertThat(first.facets().get("language")).extracting(SearchIndex.FacetValue::value).contains("fr");
      assertThat(first.facets().get("topic")).anySatisfy(f -> {
        assertThat(f.value()).isEqualTo("16000000");
        assertThat(f.label()).isEqualTo("conflict, war and peace");
      });
      long total = first.facets().get("language").stream().mapToLong(SearchIndex.FacetValue::count).sum();
      assertThat(total).isEqualTo(first.total());
      assertThat(index.story("e3", 10)).extracting(e -> e.get("id").asText()).containsExactly("e3", "copy-of-e3");
      assertThat(index.search(Query.parse("niger OR mali OR russie OR france"), 0, 100).hits())
          .noneSatisfy(h -> assertThat(h.event().get("id").asText()).isEqualTo("copy-of-e3"));
    }
    try (SearchIndex reopened = new SearchIndex(dir)) {
      assertThat(reopened.committedOffsets("media.events")).containsEntry(0, 50L).containsEntry(1, 7L);
      assertThat(reopened.size()).as("50 first copies and one later copy").isEqualTo(51);
    }
  }

  /** Seed-like events with words, countries, languages, topics and outlets varied at random (seeded). */
  static List<EventRecord> events(int n) {
    Random random = new Random(42);
    Mutator mutator = new Mutator(42);
    List<String> countries = List.of("NE", "ML", "FR", "RU", "US", "TG");
    List<EventRecord> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      EventRecord e = QueryTest.seedLike();
      e.setId("e" + i);
      e.setStoryId("e" + i);
      e.setPublishedAt(Instant.parse("2023-12-01T00:00:00Z").plusSeconds(3_600L * random.nextInt(24 * 9)));
      e.setLanguage(random.nextBoolean() ? "fr" : "en");
      e.setTitle(random.nextBoolean() ? e.getTitle() : "Mali : " + mutator.noise(3));
      e.setText(random.nextInt(3) == 0 ? mutator.mutate(e.getText()) : e.getText());
      List<String> picked = new ArrayList<>();
      countries.forEach(c -> {
        if (random.nextInt(3) == 0) {
          picked.add(c);
        }
      });
      e.getTags().setCountries(picked);
      if (random.nextBoolean()) {
        e.getTags().setTopics(List.of(MediaTopic.newBuilder().setCode("04000000")
            .setLabel("economy, business and finance").build()));
      }
      e.setSource(Source.newBuilder().setSiteName(random.nextBoolean() ? "Lomé Actu" : "ActuNiger").build());
      events.add(e);
    }
    return events;
  }
}
