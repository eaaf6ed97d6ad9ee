package com.quiltdata.mcp.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses "3600", "90s", "15m", "1h", "2d" or ISO-8601 ("PT1H") into a duration. */
final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d == null) {
      throw new TypeConversionException(
          "expected seconds (3600), a number with s, m, h or d (15m, 1h), or ISO-8601 (PT1H)");
    }
    return d;
  }

  /** The duration, or null when {@code value} is none of the accepted forms. */
  static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.length() > 32) {
      return null;
    }
    if (v.startsWith("p")) {
      try {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    char unit = v.charAt(v.length() - 1);
    String digits = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long n = Long.parseLong(digits);
    return switch (unit) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> Character.isDigit(unit) ? Duration.ofSeconds(n) : null;
    };
  }
}
