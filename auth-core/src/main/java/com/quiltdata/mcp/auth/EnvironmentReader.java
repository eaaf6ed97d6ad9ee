package com.quiltdata.mcp.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one parser of environment variables, driven by their {@link EnvironmentVariable}
 * descriptions. The empty string counts as unset; the primary name wins over its alias, and both
 * set to different values is an error. Every error message names the variable and the accepted
 * range, never the value (a mis-pasted secret must not reach a terminal or a log).
 *
 * <pre>{@code
 * EnvironmentReader env = EnvironmentReader.of(System.getenv());
 * int port = env.integer(PORT);          // the default when unset
 * URI registry = env.url(REGISTRY_URL);  // null when unset
 * }</pre>
 */
public final class EnvironmentReader {
  private final Map<String, String> env;

  private EnvironmentReader(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** A reader over an environment map (the process environment, or a launcher's map). */
  public static EnvironmentReader of(Map<String, String> env) {
    return new EnvironmentReader(env);
  }

  /**
   * The raw value (primary name, else alias), or {@code null} when unset.
   *
   * @throws IllegalArgumentException when the name and its alias differ
   */
  public String text(EnvironmentVariable v) {
    String primary = get(v.name());
    String alias = v.alias() == null ? null : get(v.alias());
    if (primary != null && alias != null && !primary.equals(alias)) {
      throw new IllegalArgumentException(
          v.name()
              + " and its alias "
              + v.alias()
              + " are set to different values; set only "
              + v.name());
    }
    return primary != null ? primary : alias;
  }

  /** Which name supplied the value (the primary or the alias), or {@code null} when unset. */
  public String source(EnvironmentVariable v) {
    if (get(v.name()) != null) {
      return v.name();
    }
    return v.alias() != null && get(v.alias()) != null ? v.alias() : null;
  }

  /** Whether the variable (or its alias) is set. */
  public boolean isSet(EnvironmentVariable v) {
    return text(v) != null;
  }

  /** An {@link EnvironmentVariable.Kind#INTEGER} variable, or its default. */
  public long integer(EnvironmentVariable v) {
    require(v, EnvironmentVariable.Kind.INTEGER);
    String value = text(v);
    if (value == null) {
      return Long.parseLong(v.defaultValue());
    }
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(v);
    }
    if (n < v.min() || n > v.max()) {
      throw invalid(v);
    }
    return n;
  }

  /** A {@link EnvironmentVariable.Kind#DURATION} variable, or its default. */
  public Duration duration(EnvironmentVariable v) {
    require(v, EnvironmentVariable.Kind.DURATION);
    String value = text(v);
    if (value == null) {
      return Duration.ofSeconds(Long.parseLong(v.defaultValue()));
    }
    String t = value.trim();
    Duration d;
    try {
      d =
          !t.isEmpty() && t.length() <= 12 && t.chars().allMatch(Character::isDigit)
              ? Duration.ofSeconds(Long.parseLong(t))
              : Duration.parse(t);
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw invalid(v);
    }
    if (d.compareTo(Duration.ofSeconds(v.min())) < 0
        || d.compareTo(Duration.ofSeconds(v.max())) > 0) {
      throw invalid(v);
    }
    return d;
  }

  /**
   * A {@link EnvironmentVariable.Kind#URL} variable: absolute {@code http(s)}, with a host, no user
   * info, query or fragment; {@code null} when unset.
   */
  public URI url(EnvironmentVariable v) {
    require(v, EnvironmentVariable.Kind.URL);
    String value = text(v);
    if (value == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw invalid(v);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalid(v);
    }
    return uri;
  }

  /** A {@link EnvironmentVariable.Kind#LIST} variable: trimmed, non-empty parts; empty if unset. */
  public List<String> list(EnvironmentVariable v) {
    require(v, EnvironmentVariable.Kind.LIST);
    String value = text(v);
    return value == null ? List.of() : commaList(value);
  }

  /** A {@link EnvironmentVariable.Kind#FLAG} variable, or its default. */
  public boolean flag(EnvironmentVariable v) {
    require(v, EnvironmentVariable.Kind.FLAG);
    String value = text(v);
    if (value == null) {
      return Boolean.parseBoolean(v.defaultValue());
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw invalid(v);
    }
  }

  /**
   * A {@link EnvironmentVariable.Kind#CHOICE} variable, lower-cased, or its default ({@code null}
   * when it has none).
   */
  public String choice(EnvironmentVariable v) {
    require(v, EnvironmentVariable.Kind.CHOICE);
    String value = text(v);
    if (value == null) {
      return v.defaultValue();
    }
    String word = value.trim().toLowerCase(Locale.ROOT);
    if (!v.choices().contains(word)) {
      throw invalid(v);
    }
    return word;
  }

  /** The error for a bad value of {@code v}: its name and range, never the value. */
  public static IllegalArgumentException invalid(EnvironmentVariable v) {
    return new IllegalArgumentException(v.name() + " must be " + v.range());
  }

  /** Trimmed, non-empty parts of a comma-separated value. */
  public static List<String> commaList(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  private String get(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  private static void require(EnvironmentVariable v, EnvironmentVariable.Kind kind) {
    if (v.kind() != kind) {
      throw new IllegalArgumentException(v.name() + " is not described as " + kind);
    }
  }

  @Override
  public String toString() {
    return "EnvironmentReader[" + env.size() + " variables]";
  }
}
