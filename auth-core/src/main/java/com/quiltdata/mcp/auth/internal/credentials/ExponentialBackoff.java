package com.quiltdata.mcp.auth.internal.credentials;

import java.time.Duration;
import java.util.Objects;

/** Delays that double after each consecutive failure, from a minimum up to a maximum. */
public final class ExponentialBackoff {
  private final Duration min;
  private final Duration max;

  /**
   * Creates the schedule.
   *
   * @param min the delay after the first failure (positive)
   * @param max the longest delay (at least {@code min})
   */
  public ExponentialBackoff(Duration min, Duration max) {
    Objects.requireNonNull(min, "minBackoff");
    Objects.requireNonNull(max, "maxBackoff");
    if (min.isNegative() || min.isZero()) {
      throw new IllegalArgumentException("minBackoff must be positive");
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be shorter than minBackoff");
    }
    this.min = min;
    this.max = max;
  }

  /** The delay after {@code failures} consecutive failures (zero when there were none). */
  public Duration delayAfter(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    Duration delay = min;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) < 0 ? delay : max;
  }

  /** The shortest delay. */
  public Duration min() {
    return min;
  }

  /** The longest delay. */
  public Duration max() {
    return max;
  }

  @Override
  public String toString() {
    return "ExponentialBackoff[" + min + ".." + max + "]";
  }
}
