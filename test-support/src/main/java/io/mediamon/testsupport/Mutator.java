package io.mediamon.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded, bounded fuzzer for text formats: each case is a real input with a few random edits (spans deleted,
 * duplicated or swapped, hostile fragments inserted, bytes flipped, the end cut off). The same seed gives the same
 * cases, so a failure names the seed and case that reproduce it.
 */
public final class Mutator {
  /** Fragments that break parsers: markup out of place, entities, control and bidi characters, lone surrogates. */
  private static final List<String> FRAGMENTS = List.of("<", ">", "</", "<div>", "</div>", "<p>", "</p>", "<br/>",
      "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "<!DOCTYPE x>",
      "&", "&amp;", "&#0;", "&#x110000;", "&#xD800;", "&nbsp;", "&lol;", "\"", "'", "=", "\u0000", "\u0007", "\u200B",
      "\u202E", "\uFEFF", "\uD800", "\uDC00", "\uFFFD", "\r", "\r\n", "\t", " ", "\n\n\n", "…", "’", "«", "»", "—",
      "http://", "https://x.example/a?b=c&d=e#f", "javascript:alert(1)", "<a href=\"", "<img src=x onerror=y>",
      "<meta charset=\"x-unknown\">", "<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-16\">",
      "<html>", "</html>", "<body>", "<title>", "</title>", "<item>", "</item>", "<entry>", "<channel>", "</rss>",
      "<link>", "<pubDate>", "Mon, 32 Foo 99999 25:61:61 +9999", "9999-99-99T99:99:99Z", "NIAMEY (AFP) -",
      "\"\"\"", "(((", ")))", "AND", "OR", "NOT", ":", "*", "\\", "%", "%00", "%zz", "@", "[", "]", "{", "}", "::");

  private final Random random;

  public Mutator(long seed) {
    this.random = new Random(seed);
  }

  /** One case: {@code input} with one to eight random edits. */
  public String mutate(String input) {
    StringBuilder s = new StringBuilder(input);
    int edits = 1 + random.nextInt(8);
    for (int i = 0; i < edits; i++) {
      edit(s);
    }
    return s.toString();
  }

  /** One case as bytes (UTF-8 of a mutated text, then perhaps a few bytes flipped, which may break the encoding). */
  public byte[] mutateBytes(String input) {
    byte[] bytes = mutate(input).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0 && random.nextInt(3) == 0) {
      for (int i = 1 + random.nextInt(4); i > 0; i--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
    }
    return bytes;
  }

  /** A random string of fragments and letters, for inputs with no real example (queries, URLs). */
  public String noise(int maxFragments) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(maxFragments + 1); i > 0; i--) {
      s.append(random.nextBoolean() ? fragment() : word());
    }
    return s.toString();
  }

  /** One of the hostile fragments. */
  public String fragment() {
    return FRAGMENTS.get(random.nextInt(FRAGMENTS.size()));
  }

  private String word() {
    String letters = "abcdeéfghijklmnopqrstuvwxyzABCDEF0123456789-_.";
    StringBuilder w = new StringBuilder();
    for (int i = 1 + random.nextInt(10); i > 0; i--) {
      w.append(letters.charAt(random.nextInt(letters.length())));
    }
    return w.toString();
  }

  private void edit(StringBuilder s) {
    int length = s.length();
    int at = length == 0 ? 0 : random.nextInt(length + 1);
    int span = length == 0 ? 0 : Math.min(length - Math.min(at, length), 1 + random.nextInt(Math.max(1, length / 8)));
    switch (random.nextInt(7)) {
      case 0 -> s.delete(at, at + span);
      case 1 -> s.insert(at, s.substring(at, at + span));
      case 2 -> s.insert(at, fragment());
      case 3 -> s.insert(at, fragment().repeat(1 + random.nextInt(200)));
      case 4 -> s.setLength(at);
      case 5 -> {
        if (span > 0) {
          String cut = s.substring(at, at + span);
          s.delete(at, at + span);
          s.insert(random.nextInt(s.length() + 1), cut);
        }
      }
      default -> s.insert(at, noise(6));
    }
  }
}
