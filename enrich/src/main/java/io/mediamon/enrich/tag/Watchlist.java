package io.mediamon.enrich.tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * People, organisations and brands a newsroom follows, from YAML:
 *
 * <pre>
 * - id: eu
 *   type: organization          # person | organization
 *   name: European Union        # the tag value
 *   wikidata: Q458              # optional
 *   aliases:
 *     en: [European Union, EU]
 *     fr: [Union européenne, UE]
 * </pre>
 *
 * Matching ignores accents and case and respects word boundaries, except that an all-capitals alias (EU, UE, NATO)
 * matches only in capitals and a one-word alias only when capitalised, so "eu" in Portuguese prose or "apple" the
 * fruit do not match.
 */
public final class Watchlist {
  /** One followed entity. */
  public record Item(String id, String type, String name, String wikidata) {}

  /** One way of writing an item; an acronym alias only matches in capitals. */
  public record Alias(Item item, boolean acronym) {}

  private final PhraseDictionary<Alias> dictionary = new PhraseDictionary<>();

  /** The bundled default list (major international organisations) plus an optional file of the newsroom's own. */
  public static Watchlist load(Path extra) {
    Watchlist w = new Watchlist();
    try (InputStream in = Watchlist.class.getClassLoader().getResourceAsStream("watchlist-default.yaml")) {
      w.read(new ObjectMapper(new YAMLFactory()).readTree(in), "watchlist-default.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the default watchlist", e);
    }
    if (extra != null) {
      try {
        w.read(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(extra)), extra.toString());
      } catch (IOException e) {
        throw new IllegalArgumentException("enrich.watchlist: cannot read " + extra + ": " + e.getMessage(), e);
      }
    }
    return w;
  }

  private void read(JsonNode root, String source) {
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(source + ": a watchlist is a YAML list of entries");
    }
    for (JsonNode node : root) {
      String id = text(node, "id", source);
      String type = text(node, "type", source).toLowerCase(Locale.ROOT);
      if (!type.equals("person") && !type.equals("organization")) {
        throw new IllegalArgumentException(source + ": entry " + id + ": type must be person or organization");
      }
      Item item = new Item(id, type, text(node, "name", source),
          node.hasNonNull("wikidata") ? node.get("wikidata").asText() : null);
      addAlias(item.name(), item);
      JsonNode aliases = node.get("aliases");
      if (aliases != null) {
        aliases.fields().forEachRemaining(lang -> lang.getValue().forEach(alias -> addAlias(alias.asText(), item)));
      }
    }
  }

  private static String text(JsonNode node, String field, String source) {
    if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
      throw new IllegalArgumentException(source + ": every watchlist entry needs '" + field + "': " + node);
    }
    return node.get(field).asText().strip();
  }

  private void addAlias(String alias, Item item) {
    String a = alias.strip();
    boolean acronym = a.length() <= 6 && a.equals(a.toUpperCase(Locale.ROOT)) && !a.equals(a.toLowerCase(Locale.ROOT));
    dictionary.add(a, new Alias(item, acronym));
  }

  public PhraseDictionary<Alias> dictionary() {
    return dictionary;
  }

  /** The case rule for one alias occurrence: see the class comment. */
  static boolean caseAllows(Alias alias, List<Token> tokens) {
    if (alias.acronym()) {
      return tokens.stream().allMatch(Token::acronym);
    }
    return tokens.size() > 1 || tokens.get(0).capitalized();
  }
}
