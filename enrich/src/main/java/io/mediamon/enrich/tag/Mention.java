package io.mediamon.enrich.tag;

/** A tag's occurrences while an article is read: where it was first seen, as what, by which rule, how often. */
final class Mention {
  final String value;
  final String surface;
  final int offset;
  final String rule;
  int count;

  Mention(String value, String surface, int offset, String rule) {
    this.value = value;
    this.surface = surface;
    this.offset = offset;
    this.rule = rule;
  }

  TagEvidence evidence(String type) {
    return new TagEvidence(type, value, surface, offset, count, rule);
  }
}
