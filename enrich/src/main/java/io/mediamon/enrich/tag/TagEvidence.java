package io.mediamon.enrich.tag;

/**
 * Why a tag was given: the words that produced it, where, how often, and by which rule or list.
 *
 * @param type country, place, person, organization, topic
 * @param value the tag's value (ISO code, name, topic code)
 * @param surface the words as written in the text (the first occurrence)
 * @param offset character offset of the first occurrence in title + blank line + text
 * @param count occurrences
 * @param rule the rule or list: country-name, demonym-fr, city, watchlist:eu, candidate-person, ...
 */
public record TagEvidence(String type, String value, String surface, int offset, int count, String rule) {}
