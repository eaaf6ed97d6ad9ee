package com.quiltdata.mcp.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Human-readable instants and durations: "2026-11-23T10:00:00Z (in 55 min)". */
final class TimeText {
  private TimeText() {}

  /** The instant in UTC with its distance from {@code now}. */
  static String at(Instant instant, Instant now) {
    return instant.truncatedTo(ChronoUnit.SECONDS) + " (" + relative(instant, now) + ")";
  }

  /** "in 5 min", "3 h 2 min ago" or "now". */
  static String relative(Instant instant, Instant now) {
    Duration d = Duration.between(now, instant);
    if (d.abs().getSeconds() < 1) {
      return "now";
    }
    return d.isNegative() ? duration(d.negated()) + " ago" : "in " + duration(d);
  }

  /** "45 s", "55 min", "1 h 5 min", "2 d 3 h". */
  static String duration(Duration d) {
    long s = d.abs().getSeconds();
    String sign = d.isNegative() ? "-" : "";
    if (s < 60) {
      return sign + s + " s";
    }
    if (s < 3600) {
      long m = s / 60;
      long rest = s % 60;
      return sign + m + " min" + (rest == 0 || m >= 10 ? "" : " " + rest + " s");
    }
    if (s < 86_400) {
      long h = s / 3600;
      long m = (s % 3600) / 60;
      return sign + h + " h" + (m == 0 ? "" : " " + m + " min");
    }
    long days = s / 86_400;
    long h = (s % 86_400) / 3600;
    return sign + days + " d" + (h == 0 ? "" : " " + h + " h");
  }
}
