package com.quiltdata.mcp.auth;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One environment variable a settings class reads: its name, an accepted alias (an original name
 * kept for compatibility), what it holds, its default and its range. Settings classes publish the
 * list of the variables they read, and {@link EnvironmentReader} parses each by this description,
 * so the configuration reference and the code can be checked against each other.
 *
 * @param name the variable, e.g. {@code MCP_PORT}
 * @param alias the accepted original name, or {@code null}
 * @param kind what the value is
 * @param min smallest accepted number (integers; durations in seconds), else 0
 * @param max largest accepted number (integers; durations in seconds), else 0
 * @param choices the accepted words of a {@link Kind#CHOICE}, else empty
 * @param defaultValue the default as documentation shows it, or {@code null} for none
 */
public record EnvironmentVariable(
    String name,
    String alias,
    Kind kind,
    long min,
    long max,
    List<String> choices,
    String defaultValue) {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  /** What a variable holds. */
  public enum Kind {
    /** Any text (trimmed only where the reader says so). */
    TEXT,
    /** A decimal integer within {@link #min()} and {@link #max()}. */
    INTEGER,
    /** Whole seconds, or an ISO-8601 duration, within {@link #min()} and {@link #max()} seconds. */
    DURATION,
    /** An absolute {@code http(s)} URL. */
    URL,
    /** A comma-separated list. */
    LIST,
    /** {@code true} or {@code false}. */
    FLAG,
    /** One word of {@link #choices()}, case-insensitive. */
    CHOICE
  }

  /** Validates the description itself. */
  public EnvironmentVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be upper case letters, digits and _");
    }
    if (alias != null && (!NAME.matcher(alias).matches() || alias.equals(name))) {
      throw new IllegalArgumentException("alias of " + name + " must be another valid name");
    }
    if (min > max) {
      throw new IllegalArgumentException("min of " + name + " is above its max");
    }
    choices = List.copyOf(choices);
    if ((kind == Kind.CHOICE) == choices.isEmpty()) {
      throw new IllegalArgumentException("choices of " + name + " go with kind CHOICE only");
    }
  }

  /** Free text. */
  public static EnvironmentVariable text(String name, String defaultValue) {
    return new EnvironmentVariable(name, null, Kind.TEXT, 0, 0, List.of(), defaultValue);
  }

  /** An integer in {@code [min, max]}. */
  public static EnvironmentVariable integer(String name, long min, long max, long defaultValue) {
    return new EnvironmentVariable(
        name, null, Kind.INTEGER, min, max, List.of(), Long.toString(defaultValue));
  }

  /** A duration of {@code [minSeconds, maxSeconds]}, given in seconds or ISO-8601. */
  public static EnvironmentVariable duration(
      String name, long minSeconds, long maxSeconds, long defaultSeconds) {
    return new EnvironmentVariable(
        name,
        null,
        Kind.DURATION,
        minSeconds,
        maxSeconds,
        List.of(),
        Long.toString(defaultSeconds));
  }

  /** An absolute http(s) URL. */
  public static EnvironmentVariable url(String name, String defaultValue) {
    return new EnvironmentVariable(name, null, Kind.URL, 0, 0, List.of(), defaultValue);
  }

  /** A comma-separated list. */
  public static EnvironmentVariable list(String name, String defaultValue) {
    return new EnvironmentVariable(name, null, Kind.LIST, 0, 0, List.of(), defaultValue);
  }

  /** {@code true} or {@code false}. */
  public static EnvironmentVariable flag(String name, boolean defaultValue) {
    return new EnvironmentVariable(
        name, null, Kind.FLAG, 0, 0, List.of(), Boolean.toString(defaultValue));
  }

  /** One of {@code choices} (the first is the default unless {@code defaultValue} says). */
  public static EnvironmentVariable choice(String name, String defaultValue, String... choices) {
    return new EnvironmentVariable(name, null, Kind.CHOICE, 0, 0, List.of(choices), defaultValue);
  }

  /** A copy that also accepts {@code originalName}. */
  public EnvironmentVariable withAlias(String originalName) {
    return new EnvironmentVariable(name, originalName, kind, min, max, choices, defaultValue);
  }

  /**
   * Checks a value of a settings record's field against this variable's range.
   *
   * @param value the field's value
   * @param field the record field's name, for the message (never the value)
   * @return {@code value}
   * @throws IllegalArgumentException naming the field and the range
   */
  public long checkRange(long value, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
    }
    return value;
  }

  /** The accepted values, as documentation and error messages say them. */
  public String range() {
    switch (kind) {
      case INTEGER:
        return "an integer between " + min + " and " + max;
      case DURATION:
        return "seconds (e.g. 900) or an ISO-8601 duration (e.g. PT15M), "
            + min
            + " to "
            + max
            + " seconds";
      case URL:
        return "an absolute http(s) URL";
      case LIST:
        return "a comma-separated list";
      case FLAG:
        return "true or false";
      case CHOICE:
        return "one of " + String.join(", ", choices);
      default:
        return "text";
    }
  }
}
