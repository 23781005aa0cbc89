package io.mediamon.enrich.tag;

import io.mediamon.schemas.MediaTopic;
import io.mediamon.schemas.Place;
import io.mediamon.schemas.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All tags of one article: countries and places, people and organisations, IPTC topics and keywords, each with
 * its evidence. Offsets in the evidence count characters in {@code title + "\n\n" + text}.
 */
public final class Tagger {
  /** Version of the tagging rules and data, recorded in provenance. */
  public static final String VERSION = "1.0";
  private static final int MAX_KEYWORDS = 8;

  private final PlaceTagger places;
  private final EntityTagger entities;
  private final TopicClassifier topics;

  public Tagger(Gazetteer gazetteer, Watchlist watchlist, TopicClassifier topics) {
    this.places = new PlaceTagger(gazetteer);
    this.entities = new EntityTagger(watchlist);
    this.topics = topics;
  }

  public Tags tag(String title, String text, String language) {
    String full = (title == null ? "" : title + "\n\n") + text;
    List<Token> tokens = Tokenizer.tokenize(full);
    PlaceTagger.Result where = places.tag(tokens);
    EntityTagger.Result who = entities.tag(headlineCaseNeutral(tokens, title), where.placeSpans());
    List<TopicClassifier.Scored> what = topics.classify(tokens, language);

    List<io.mediamon.schemas.TagEvidence> evidence = new ArrayList<>();
    where.evidence().forEach(e -> evidence.add(avro(e)));
    who.evidence().forEach(e -> evidence.add(avro(e)));
    List<MediaTopic> mediaTopics = new ArrayList<>();
    for (TopicClassifier.Scored t : what) {
      mediaTopics.add(MediaTopic.newBuilder().setCode(t.code()).setLabel(t.label()).setScore(t.score())
          .setLevel(t.level()).setParent(t.parent()).build());
      evidence.add(avro(new TagEvidence("topic", t.code(), t.terms(), t.firstOffset(), t.hits(), "lexicon:" + language)));
    }
    List<Place> placeList = new ArrayList<>();
    for (PlaceTagger.FoundPlace p : where.places()) {
      placeList.add(Place.newBuilder().setName(p.surface()).setId(p.id()).setCountry(p.country()).build());
    }
    return Tags.newBuilder()
        .setCountries(where.countries())
        .setPlaces(placeList)
        .setPeople(who.people())
        .setOrganizations(who.organizations())
        .setTopics(mediaTopics)
        .setKeywords(keywords(tokens))
        .setEvidence(evidence)
        .build();
  }

  /**
   * The tokens with the capitals of a Title Case headline ("King Tut: First Time's A Charm") taken off, except for
   * words the text also capitalises mid-sentence and acronyms: every word of such a
   * headline is capitalised, so its capitals would make people of "First Time's" and "Second Time". A headline in
   * sentence case keeps its capitals, which there do mark names.
   */
  static List<Token> headlineCaseNeutral(List<Token> tokens, String title) {
    if (title == null) {
      return tokens;
    }
    int end = title.length();
    int words = 0;
    int capitalised = 0;
    java.util.Set<String> namesInText = new java.util.HashSet<>();
    for (Token t : tokens) {
      if (t.start() < end) {
        if (t.text().length() >= 4 && Character.isLetter(t.text().codePointAt(0))) {
          words++;
          capitalised += t.capitalized() ? 1 : 0;
        }
      } else if (t.capitalized() && !t.sentenceStart()) {
        namesInText.add(t.folded());
      }
    }
    if (words < 3 || capitalised < words * 0.7) {
      return tokens;
    }
    List<Token> neutral = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      boolean inTitle = t.start() < end;
      neutral.add(inTitle && !namesInText.contains(t.folded()) && !t.acronym()
          ? new Token(t.text().toLowerCase(java.util.Locale.ROOT), t.folded(), t.start(), t.end(), true) : t);
    }
    return neutral;
  }

  /** The most repeated content words: lower-case words of six letters or more, not stop words, seen twice. */
  private static List<String> keywords(List<Token> tokens) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> surface = new HashMap<>();
    for (Token t : tokens) {
      if (t.text().length() >= 6 && !t.capitalized() && t.text().chars().allMatch(Character::isLetter)
          && !EntityTagger.STOP.contains(t.folded())) {
        counts.merge(t.folded(), 1, Integer::sum);
        surface.putIfAbsent(t.folded(), t.text());
      }
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.removeIf(e -> e.getValue() < 2);
    sorted.sort((a, b) -> b.getValue() != a.getValue().intValue() ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey()));
    List<String> result = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_KEYWORDS, sorted.size()); i++) {
      result.add(surface.get(sorted.get(i).getKey()));
    }
    return result;
  }

  private static io.mediamon.schemas.TagEvidence avro(TagEvidence e) {
    return io.mediamon.schemas.TagEvidence.newBuilder().setType(e.type()).setValue(e.value()).setSurface(e.surface())
        .setOffset(e.offset()).setCount(e.count()).setRule(e.rule()).build();
  }
}
