package io.mediamon.sink.alert;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.LinkedPost;
import io.mediamon.schemas.MediaTopic;
import io.mediamon.schemas.Place;
import io.mediamon.schemas.Tags;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
      return !inner.matches(event, new HashSet<>());
    }
  }

  /** A word or phrase of the title and text; {@code words} is the phrase folded, computed once at parse time. */
  record Text(String phrase, String[] words) implements Query {
    static Text of(String phrase) {
      return new Text(phrase, EventView.fold(phrase).split(" "));
    }

    @Override
    public boolean matches(EventView event, Set<String> matched) {
      boolean hit = event.containsWords(words);
      if (hit) {
        matched.add(phrase.contains(" ") ? "\"" + phrase + "\"" : phrase);
      }
      return hit;
    }
  }

  /** A filter on a tag field; {@code folded} is the value folded, computed once at parse time. */
  record Field(String name, String value, String folded) implements Query {
    static final List<String> NAMES = List.of("lang", "country", "topic", "entity", "place", "source", "post");

    static Field of(String name, String value) {
      return new Field(name, value, EventView.fold(value));
    }

    @Override
    public boolean matches(EventView event, Set<String> matched) {
      boolean hit = event.hasField(name, folded);
      if (hit) {
        matched.add(name + ":" + value);
      }
      return hit;
    }
  }

  /**
   * The event as queries see it, computed once per event so that a thousand rules cost a thousand set lookups: the
   * folded words of title and text, and per field the folded tag values.
   */
  final class EventView {
    private final EventRecord event;
    private final String foldedText;
    private final Set<String> words;
    private final Map<String, Set<String>> fields = new HashMap<>();

    public EventView(EventRecord event) {
      this.event = event;
      this.foldedText = " " + fold((event.getTitle() == null ? "" : event.getTitle()) + " " + event.getText()) + " ";
      this.words = new HashSet<>(Arrays.asList(foldedText.strip().split(" ")));
      Tags tags = event.getTags();
      fields.put("lang", folded(event.getLanguage() == null ? List.of() : List.of(event.getLanguage())));
      fields.put("country", folded(tags.getCountries()));
      // a topic matches its own code and its parent's: topic:16000000 finds an event tagged 20000053 (act of terror)
      List<String> topics = new ArrayList<>();
      for (MediaTopic t : tags.getTopics()) {
        topics.add(t.getCode());
        if (t.getParent() != null) {
          topics.add(t.getParent());
        }
      }
      fields.put("topic", folded(topics));
      List<String> entities = new ArrayList<>(tags.getPeople());
      entities.addAll(tags.getOrganizations());
      fields.put("entity", folded(entities));
      fields.put("place", folded(tags.getPlaces().stream().map(Place::getName).toList()));
      String site = event.getSource() == null ? null : event.getSource().getSiteName();
      fields.put("source", folded(site == null ? List.of() : List.of(site)));
      fields.put("post", folded(event.getLinkedPosts().stream().map(LinkedPost::getPlatform).toList()));
    }

    public EventRecord event() {
      return event;
    }

    /** The folded words of title and text, space-separated: what words and phrases match (search indexes it). */
    public String foldedText() {
      return foldedText.strip();
    }

    /** Per field name ({@link Field#NAMES}), the folded values a field filter matches (search indexes them). */
    public Map<String, Set<String>> fieldValues() {
      return java.util.Collections.unmodifiableMap(fields);
    }

    /** Whole words, in sequence: every word must be in the set before the text is scanned for the phrase. */
    boolean containsWords(String[] phrase) {
      for (String w : phrase) {
        if (!words.contains(w)) {
          return false;
        }
      }
      return phrase.length == 1 || foldedText.contains(" " + String.join(" ", phrase) + " ");
    }

    boolean hasField(String name, String foldedValue) {
      Set<String> values = fields.get(name);
      return values != null && values.contains(foldedValue);
    }

    private static Set<String> folded(List<? extends CharSequence> values) {
      Set<String> result = new HashSet<>();
      for (CharSequence v : values) {
        result.add(fold(v.toString()));
      }
      return result;
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Lower case, no accents, words separated by single spaces. */
    public static String fold(String s) {
      String decomposed = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
      return NOT_WORD.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").strip();
    }
  }
}
