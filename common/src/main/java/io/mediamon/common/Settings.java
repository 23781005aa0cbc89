package io.mediamon.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration layered from defaults &lt; a properties file &lt; environment variables &lt; explicit overrides.
 *
 * <p>Keys are dotted ({@code enrich.language.mode}); the environment variable for a key is {@code MEDIAMON_}
 * followed by the key upper-cased with dots and dashes as underscores ({@code MEDIAMON_ENRICH_LANGUAGE_MODE}).
 * {@code KAFKA_BOOTSTRAP} is accepted as the conventional name for {@code kafka.bootstrap}. A value that does not
 * parse fails with a {@link ConfigException} that names the key, the value and where it came from.
 */
public final class Settings {
  /**
   * Where keys are declared, each module its own (name, default, what it means, in the comment above it): the common
   * module's first, then those of the modules on the classpath. A service knows the keys of the modules it runs.
   */
  private static final List<String> DECLARATIONS = List.of("mediamon-defaults.properties",
      "mediamon-ingest.properties", "mediamon-enrich.properties", "mediamon-sink.properties");
  /** Keys renamed between releases: a value set under the old name still applies, with a warning. */
  private static final Map<String, String> RENAMED = Map.of("enrich.dlq.payload.max.bytes", "dlq.payload.max.bytes");
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Settings.class);
  private static final String ENV_PREFIX = "MEDIAMON_";
  /** Keys under it are Kafka client properties, passed through as they are: Kafka knows them, not the defaults. */
  public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";
  /** MEDIAMON_ variables that are not keys: the launcher's, the command line's and the benchmarks'. */
  private static final Set<String> OTHER_VARIABLES =
      Set.of("MEDIAMON_HOME", "MEDIAMON_CONFIG", "MEDIAMON_JAVA_OPTS", "MEDIAMON_CORPORA");
  /** How many edits away a known key may be to be offered for a key that is not one. */
  private static final int SUGGESTION_DISTANCE = 3;

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private Settings(Map<String, String> values, Map<String, String> origins) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
  }

  /** Defaults, then {@code file} if given, then the process environment, then {@code overrides}. */
  public static Settings load(Path file, Map<String, String> overrides) {
    return load(file, System.getenv(), overrides);
  }

  /** As {@link #load(Path, Map)} with an explicit environment, for tests. */
  public static Settings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new TreeMap<>();
    Map<String, String> origins = new TreeMap<>();
    layer(values, origins, readDefaults(), "defaults");
    if (file != null) {
      layer(values, origins, readFile(file), file.toString());
    }
    for (String key : values.keySet().toArray(String[]::new)) {
      String env = environment.get(envName(key));
      if (env != null) {
        values.put(key, env);
        origins.put(key, "environment " + envName(key));
      }
    }
    String bootstrap = environment.get("KAFKA_BOOTSTRAP");
    if (bootstrap != null && !bootstrap.isBlank() && !environment.containsKey(envName("kafka.bootstrap"))) {
      values.put("kafka.bootstrap", bootstrap);
      origins.put("kafka.bootstrap", "environment KAFKA_BOOTSTRAP");
    }
    layer(values, origins, overrides, "command line");
    RENAMED.forEach((old, now) -> {
      String variable = envName(old);
      if (environment.containsKey(variable) && !values.containsKey(old)) {
        values.put(old, environment.get(variable)); // the old variable, in a deployment not yet updated
        origins.put(old, "environment " + variable);
      }
    });
    RENAMED.forEach((old, now) -> {
      if (values.containsKey(old)) {
        LOG.warn("configuration {} is now {} (set from {}): using it as {}", old, now, origins.get(old), now);
        if ("defaults".equals(origins.get(now))) {
          values.put(now, values.get(old));
          origins.put(now, origins.get(old) + " as " + old);
        }
        values.remove(old);
        origins.remove(old);
      }
    });
    return new Settings(values, origins);
  }

  /** Defaults only, plus overrides: what tests use. */
  public static Settings defaults(Map<String, String> overrides) {
    return load(null, Map.of(), overrides);
  }

  /** The environment variable that sets a key. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Fails on the first key that a file or the command line set and that is neither a default key nor a Kafka client
   * property: a misspelt key would otherwise be ignored without a word, and the service run on the default.
   */
  public void requireKnownKeys() {
    Set<String> known = readDefaults().keySet();
    // every value against its declared type and bounds, at start, whether or not this command reads it
    readDeclarations().forEach((key, declared) -> {
      if (values.containsKey(key) && !values.get(key).isBlank()) {
        switch (declared.type()) {
          case "flag" -> flag(key);
          case "duration" -> duration(key);
          case "size" -> bytes(key);
          case "integer" -> integer(key);
          case "decimal" -> decimal(key);
          case "choice" -> choiceOf(key, declared.choices());
          default -> { }
        }
      }
    });
    values.forEach((key, value) -> {
      if (!known.contains(key) && !key.startsWith(KAFKA_CLIENT_PREFIX)) {
        String near = nearest(key, known);
        // a mistyped secret key is not recognised as secret by its name: judge by the key it was meant to be, too
        boolean secret = near != null && Redaction.isSecretKey(near) || value.contains("://");
        throw new ConfigException(key, secret ? Redaction.HIDDEN : value, origin(key), "not a configuration key"
            + (near == null ? " (docs/configuration.md lists them)" : "; did you mean " + near + "?"));
      }
    });
  }

  /**
   * The MEDIAMON_ variables of {@code environment} that set no key (each with the nearest variable that would, if
   * any): unlike a file, the environment is shared with other programs, so the command line warns of these rather
   * than refusing to start.
   */
  public static List<String> unknownVariables(Map<String, String> environment) {
    Map<String, String> variables = new TreeMap<>();
    readDefaults().keySet().forEach(key -> variables.put(envName(key), key));
    RENAMED.keySet().forEach(key -> variables.put(envName(key), key));
    return environment.keySet().stream()
        .filter(name -> name.startsWith(ENV_PREFIX) && !variables.containsKey(name) && !OTHER_VARIABLES.contains(name))
        .sorted()
        .map(name -> {
          String near = nearest(name, variables.keySet());
          return near == null ? name : name + " (did you mean " + near + "?)";
        })
        .toList();
  }

  /** The candidate fewest edits from {@code name}, if within {@link #SUGGESTION_DISTANCE}. */
  private static String nearest(String name, Set<String> candidates) {
    String best = null;
    int bestDistance = SUGGESTION_DISTANCE + 1;
    for (String candidate : candidates) {
      int distance = editDistance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character each cost one. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A copy with more overrides on top. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> v = new TreeMap<>(values);
    Map<String, String> o = new TreeMap<>(origins);
    layer(v, o, overrides, "override");
    return new Settings(v, o);
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new ConfigException(key, null, "no default", "a value is required");
    }
    return value.trim();
  }

  /** A value that may be empty: returns null when blank. */
  public String optional(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** An integer within the bounds its declaration gives ({@code # type: integer MIN..MAX}). */
  public int integer(String key) {
    Declared d = declaredAs(key, "integer");
    return integer(key, (int) d.min(), (int) d.max());
  }

  /** A decimal within the bounds its declaration gives ({@code # type: decimal MIN..MAX}). */
  public double decimal(String key) {
    Declared d = declaredAs(key, "decimal");
    return decimal(key, d.min(), d.max());
  }

  private Declared declaredAs(String key, String type) {
    Declared d = readDeclarations().get(key);
    if (d == null || !d.type().equals(type)) {
      throw new IllegalStateException(key + " is not declared as " + type + " in any module's mediamon-*.properties");
    }
    return d;
  }

  private void choiceOf(String key, List<String> choices) {
    String raw = string(key).toLowerCase(Locale.ROOT).replace('-', '_');
    if (!choices.contains(raw)) {
      throw new ConfigException(key, string(key), origin(key), "must be one of " + choices);
    }
  }

  public int integer(String key, int min, int max) {
    String raw = string(key);
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new ConfigException(key, raw, origin(key), "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, raw, origin(key), "must be a whole number");
    }
  }

  public long bytes(String key) {
    String raw = string(key).toUpperCase(Locale.ROOT);
    long unit = 1;
    if (raw.endsWith("KB") || raw.endsWith("K")) {
      unit = 1024;
    } else if (raw.endsWith("MB") || raw.endsWith("M")) {
      unit = 1024 * 1024;
    } else if (raw.endsWith("GB") || raw.endsWith("G")) {
      unit = 1024L * 1024 * 1024;
    }
    String digits = raw.replaceAll("[KMGB]+$", "");
    try {
      long value = Math.multiplyExact(Long.parseLong(digits.trim()), unit);
      if (value <= 0) {
        throw new ConfigException(key, raw, origin(key), "must be positive");
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(key, raw, origin(key), "must be a size such as 512KB, 16MB or 1048576");
    }
  }

  public double decimal(String key, double min, double max) {
    String raw = string(key);
    try {
      double value = Double.parseDouble(raw);
      if (!Double.isFinite(value) || value < min || value > max) {
        throw new ConfigException(key, raw, origin(key), "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, raw, origin(key), "must be a number");
    }
  }

  public boolean flag(String key) {
    String raw = string(key).toLowerCase(Locale.ROOT);
    return switch (raw) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(key, raw, origin(key), "must be true or false");
    };
  }

  /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
  public Duration duration(String key) {
    String raw = string(key);
    Duration duration;
    try {
      String lower = raw.toLowerCase(Locale.ROOT);
      if (lower.equals("0")) {
        return Duration.ZERO; // no unit needed for nothing
      }
      if (lower.startsWith("p")) {
        duration = Duration.parse(raw);
      } else if (lower.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
      } else {
        long amount = Long.parseLong(lower.substring(0, lower.length() - 1).trim());
        duration = switch (lower.charAt(lower.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          case 'd' -> Duration.ofDays(amount);
          default -> throw new NumberFormatException();
        };
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException | ArithmeticException e) {
      throw new ConfigException(key, raw, origin(key), "must be a duration such as 500ms, 30s, 5m, 7d or PT30S");
    }
    if (duration.isNegative()) {
      throw new ConfigException(key, raw, origin(key), "must not be negative");
    }
    return duration;
  }

  /** A comma-separated list, blanks dropped. */
  public List<String> list(String key) {
    String raw = values.getOrDefault(key, "");
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public <E extends Enum<E>> E choice(String key, Class<E> type) {
    String raw = string(key);
    try {
      return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, raw, origin(key),
          "must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
  }

  /** All keys under a prefix with the prefix removed, e.g. {@code kafka.client.} pass-through properties. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> result = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix) && !v.isBlank()) {
        result.put(k.substring(prefix.length()), v.trim());
      }
    });
    return result;
  }

  /** Where a key's value came from: defaults, a file, an environment variable or the command line. */
  public String origin(String key) {
    return origins.getOrDefault(key, "unset");
  }

  private static void layer(Map<String, String> values, Map<String, String> origins, Map<String, String> layer,
      String origin) {
    layer.forEach((k, v) -> {
      values.put(k, v);
      origins.put(k, origin);
    });
  }

  private static Map<String, String> readDefaults() {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    readDeclarations().forEach((key, declared) -> all.put(key, declared.defaultValue()));
    return all;
  }

  /**
   * A key as its module declares it: default, and type with bounds or choices from the {@code # type:} line above it
   * ({@code text}, {@code flag}, {@code list}, {@code duration}, {@code size}, {@code integer MIN..MAX},
   * {@code decimal MIN..MAX}, {@code choice a|b|c}).
   */
  record Declared(String defaultValue, String type, double min, double max, List<String> choices) {}

  private static volatile Map<String, Declared> declarations;

  static Map<String, Declared> readDeclarations() {
    Map<String, Declared> known = declarations;
    if (known != null) {
      return known;
    }
    Map<String, Declared> all = new java.util.LinkedHashMap<>();
    for (String declaration : DECLARATIONS) {
      try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(declaration)) {
        if (in == null) {
          if (all.isEmpty()) {
            throw new IllegalStateException(declaration + " missing from the classpath");
          }
          continue; // a module this process does not run
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.load(new java.io.StringReader(text));
        String type = "text";
        for (String line : text.split("\n")) {
          String l = line.strip();
          if (l.startsWith("# type:")) {
            type = l.substring("# type:".length()).strip();
          } else if (!l.startsWith("#") && l.contains("=")) {
            String key = l.substring(0, l.indexOf('=')).strip();
            all.put(key, declared(key, p.getProperty(key, "").strip(), type));
            type = "text";
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + declaration, e);
      }
    }
    declarations = Map.copyOf(all);
    return declarations;
  }

  private static Declared declared(String key, String defaultValue, String type) {
    String[] parts = type.split("\\s+", 2);
    double min = Double.NEGATIVE_INFINITY;
    double max = Double.POSITIVE_INFINITY;
    List<String> choices = List.of();
    if (parts.length == 2 && (parts[0].equals("integer") || parts[0].equals("decimal"))) {
      String[] bounds = parts[1].split("\\.\\.");
      min = Double.parseDouble(bounds[0]);
      max = Double.parseDouble(bounds[1]);
    } else if (parts.length == 2 && parts[0].equals("choice")) {
      choices = List.of(parts[1].split("\\|"));
    } else if (parts.length != 1) {
      throw new IllegalStateException("declaration of " + key + ": cannot read type '" + type + "'");
    }
    return new Declared(defaultValue, parts[0], min, max, choices);
  }

  private static Map<String, String> readFile(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(in);
      return toMap(p);
    } catch (IOException e) {
      throw new ConfigException("--config", file.toString(), "command line", "cannot read: " + e.getMessage());
    }
  }

  private static Map<String, String> toMap(Properties p) {
    Map<String, String> map = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
    return map;
  }
}
