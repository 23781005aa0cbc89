package io.mediamon.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mediamon.testsupport.Mutator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz pass over the query language users type into saved queries: real queries with random edits, and
 * random token soup. Parsing ends in a query or a {@link QueryException} with a position inside the text; a parsed
 * query evaluates on an event without throwing; nothing runs over a second.
 */
class QueryFuzzTest {
  private static final long SEED = 20261207L;
  private static final int CASES = 5_000;

  @Test
  void parsingEndsInAQueryOrAPositionedErrorAndEvaluationNeverThrows() {
    List<String> queries = List.of("country:NE AND topic:16000000", "\"La Russie\" OR entity:\"Wagner\"",
        "(lang:fr OR lang:en) AND NOT source:\"Lomé Actu\"", "place:Niamey post:x niger", "topic:20000070 AND (a OR b)");
    Query.EventView event = new Query.EventView(QueryTest.seedLike());
    Mutator mutator = new Mutator(SEED);
    for (int i = 0; i < CASES; i++) {
      String text = i % 3 == 2 ? mutator.noise(12) : mutator.mutate(queries.get(i % queries.size()));
      int at = i;
      try {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
          try {
            Query query = Query.parse(text);
            query.matches(event, new HashSet<>());
          } catch (QueryException e) {
            assertThat(e.position()).as("case %d: %s", at, text).isBetween(0, text.length());
          }
        }, () -> "query case " + at + " of seed " + SEED + " ran over: " + text);
      } catch (RuntimeException | StackOverflowError e) {
        fail("query case " + i + " of seed " + SEED + " threw " + e + " on: " + text, e);
      }
    }
  }
}
