package io.mediamon.enrich.tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IPTC Media Topic vocabulary (NewsCodes release {@value #VERSION}, CC BY 4.0, see
 * {@code iptc-mediatopic/README.md}): every concept with its level, parent, retirement date, Wikidata id, names
 * and definitions. Loaded once; read-only.
 */
public final class MediaTopics {
  /** The vocabulary's release. */
  public static final String VERSION = "2023-10-24";
  private static final String RESOURCE = "iptc-mediatopic/mediatopics.tsv";
  private static volatile MediaTopics instance;

  /**
   * One concept.
   *
   * @param retired the retirement date, null for a concept in use
   * @param names preferred labels by language column (en-GB, fr, de, es, pt-PT, ...), blank ones left out
   * @param definitions definitions by the same keys
   */
  public record Topic(String code, int level, String parent, String retired, String wikidata,
      Map<String, String> names, Map<String, String> definitions) {
    public boolean inUse() {
      return retired == null;
    }

    /** IPTC's British English label, as events carry it. */
    public String label() {
      return names.getOrDefault("en-GB", code);
    }
  }

  private final Map<String, Topic> topics;

  private MediaTopics(Map<String, Topic> topics) {
    this.topics = topics;
  }

  public static MediaTopics load() {
    MediaTopics loaded = instance;
    if (loaded == null) {
      synchronized (MediaTopics.class) {
        if (instance == null) {
          instance = read();
        }
        loaded = instance;
      }
    }
    return loaded;
  }

  private static MediaTopics read() {
    Map<String, Topic> topics = new LinkedHashMap<>();
    try (InputStream in = MediaTopics.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = Arrays.asList(reader.readLine().split("\t", -1));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> definitions = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < f.length; i++) {
          String value = unquote(f[i]);
          if (value.isEmpty()) {
            continue;
          }
          if (header.get(i).startsWith("name_")) {
            names.put(header.get(i).substring(5), value);
          } else if (header.get(i).startsWith("definition_")) {
            definitions.put(header.get(i).substring(11), value);
          }
        }
        String code = f[0];
        topics.put(code, new Topic(code, Integer.parseInt(f[1]), blankToNull(f[2]), blankToNull(f[3]),
            blankToNull(f[4]), Collections.unmodifiableMap(names), Collections.unmodifiableMap(definitions)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new MediaTopics(Collections.unmodifiableMap(topics));
  }

  /** A field that holds a double quote is quoted CSV-style. */
  private static String unquote(String field) {
    String f = field.strip();
    if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
      return f.substring(1, f.length() - 1).replace("\"\"", "\"");
    }
    return f;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public Optional<Topic> get(String code) {
    return Optional.ofNullable(topics.get(code));
  }

  /** Every concept, retired ones included, in the vocabulary's order. */
  public List<Topic> all() {
    return new ArrayList<>(topics.values());
  }

  /** Whether {@code code} is {@code ancestor} or lies under it. */
  public boolean isWithin(String code, String ancestor) {
    for (Topic t = topics.get(code); t != null; t = t.parent() == null ? null : topics.get(t.parent())) {
      if (t.code().equals(ancestor)) {
        return true;
      }
    }
    return false;
  }
}
