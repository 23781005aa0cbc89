package io.mediamon.sink.alert;

import io.mediamon.schemas.EventRecord;
import java.util.List;
import java.util.Set;

/**
 * A parsed saved query: words and "quoted phrases", AND / OR / NOT (AND is implied between terms), parentheses, and
 * field filters on tags: {@code lang:fr country:NE topic:16000000 entity:"Wagner" place:Niamey source:"Lomé Actu"
 * post:x}. Words and phrases match whole words of the title and text, ignoring case and accents.
 */
public sealed interface Query {
  /** Whether the event matches; matched terms are added to {@code matched}. */
  boolean matches(EventView event, Set<String> matched);

  /** Parses a query, or throws {@link QueryException} with the position of the problem. */
  static Query parse(String text) {
    return new QueryParser(text).parse();
  }

  /** Both sides must match. */
  record And(Query left, Query right) implements Query {
    @Override
    public boolean matches(EventView event, Set<String> matched) {
      return left.matches(event, matched) && right.matches(event, matched);
    }
  }

  /** Either side must match. */
  record Or(Query left, Query right) implements Query {
    @Override
    public boolean matches(EventView event, Set<String> matched) {
      boolean l = left.matches(event, matched);
      boolean r = right.matches(event, matched);
      return l || r;
    }
  }

  /** The inner query must not match. */
  record Not(Query inner) implements Query {
    @Override
    public boolean matches(EventView event, Set<String> matched) {
      return !inner.matches(event, new java.util.HashSet<>());
    }
  }

  /** A word or phrase of the title and text. */
  record Text(String phrase) implements Query {
    @Override
    public boolean matches(EventView event, Set<String> matched) {
      boolean hit = event.containsPhrase(phrase);
      if (hit) {
        matched.add(phrase.contains(" ") ? "\"" + phrase + "\"" : phrase);
      }
      return hit;
    }
  }

  /** A filter on a tag field. */
  record Field(String name, String value) implements Query {
    static final List<String> NAMES = List.of("lang", "country", "topic", "entity", "place", "source", "post");

    @Override
    public boolean matches(EventView event, Set<String> matched) {
      boolean hit = event.hasField(name, value);
      if (hit) {
        matched.add(name + ":" + value);
      }
      return hit;
    }
  }

  /** The event as queries see it: folded text and tag sets, computed once per event. */
  final class EventView {
    private final EventRecord event;
    private final String foldedText;

    public EventView(EventRecord event) {
      this.event = event;
      this.foldedText = " " + fold((event.getTitle() == null ? "" : event.getTitle()) + " " + event.getText()) + " ";
    }

    public EventRecord event() {
      return event;
    }

    boolean containsPhrase(String phrase) {
      return foldedText.contains(" " + fold(phrase) + " ");
    }

    boolean hasField(String name, String value) {
      String v = fold(value);
      return switch (name) {
        case "lang" -> event.getLanguage() != null && fold(event.getLanguage()).equals(v);
        case "country" -> event.getTags().getCountries().stream().anyMatch(c -> fold(c).equals(v));
        case "topic" -> event.getTags().getTopics().stream().anyMatch(t -> t.getCode().equals(value));
        case "entity" -> event.getTags().getPeople().stream().anyMatch(p -> fold(p).equals(v))
            || event.getTags().getOrganizations().stream().anyMatch(o -> fold(o).equals(v));
        case "place" -> event.getTags().getPlaces().stream().anyMatch(p -> fold(p.getName()).equals(v));
        case "source" -> event.getSource().getSiteName() != null && fold(event.getSource().getSiteName()).equals(v);
        case "post" -> event.getLinkedPosts().stream().anyMatch(p -> p.getPlatform().equals(value));
        default -> false;
      };
    }

    /** Lower case, no accents, words separated by single spaces. */
    static String fold(String s) {
      String decomposed = java.text.Normalizer.normalize(s.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD);
      return decomposed.replaceAll("\\p{M}+", "").replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
  }
}
