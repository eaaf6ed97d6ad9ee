package com.quiltdata.mcp.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How long sessions live and how many a {@link SessionStore} keeps: the same bounds for every
 * store. Immutable; the compact constructor validates and names the bad field.
 *
 * @param idleTimeout the sliding idle timeout: 1 second to 7 days
 * @param absoluteLifetime the absolute lifetime: 1 second to 7 days, not below the idle timeout
 * @param maxSessions the most sessions kept at once: 1 to 1,000,000. When every one is bound to a
 *     user, a new session is refused ({@link AuthException.Reason#SESSION_LIMIT_REACHED}); no
 *     user's session is ever evicted for another's
 * @param maxSessionsPerSubject the most sessions one subject keeps: 1 to {@code maxSessions}; one
 *     more (created or bound) ends that same subject's session idle the longest
 */
public record SessionLimits(
    Duration idleTimeout, Duration absoluteLifetime, int maxSessions, int maxSessionsPerSubject) {
  /** Default sessions per subject. */
  public static final int DEFAULT_SESSIONS_PER_SUBJECT = 100;

  /** 1 hour idle, 24 hours absolute, 10,000 sessions, 100 per subject. */
  public static final SessionLimits DEFAULTS =
      new SessionLimits(
          Duration.ofHours(1), Duration.ofHours(24), 10_000, DEFAULT_SESSIONS_PER_SUBJECT);

  /**
   * Limits with {@link #DEFAULT_SESSIONS_PER_SUBJECT} per subject (or {@code maxSessions}, if
   * smaller).
   */
  public SessionLimits(Duration idleTimeout, Duration absoluteLifetime, int maxSessions) {
    this(
        idleTimeout,
        absoluteLifetime,
        maxSessions,
        Math.min(Math.max(maxSessions, 1), DEFAULT_SESSIONS_PER_SUBJECT));
  }

  /** Validates every field. */
  public SessionLimits {
    checkDuration(idleTimeout, "idleTimeout");
    checkDuration(absoluteLifetime, "absoluteLifetime");
    checkMaxSessions(maxSessions);
    if (maxSessionsPerSubject < 1 || maxSessionsPerSubject > maxSessions) {
      throw new IllegalArgumentException(
          "maxSessionsPerSubject must be between 1 and maxSessions (" + maxSessions + ")");
    }
    if (idleTimeout.compareTo(absoluteLifetime) > 0) {
      throw new IllegalArgumentException("idleTimeout must not be longer than absoluteLifetime");
    }
  }

  /** Checks an idle timeout or lifetime: 1 second to 7 days. */
  static Duration checkDuration(Duration value, String field) {
    Objects.requireNonNull(value, field);
    if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(field + " must be between 1 second and 7 days");
    }
    return value;
  }

  /** Checks a session bound: 1 to 1,000,000. */
  static int checkMaxSessions(int maxSessions) {
    if (maxSessions < 1 || maxSessions > 1_000_000) {
      throw new IllegalArgumentException("maxSessions must be between 1 and 1000000");
    }
    return maxSessions;
  }
}
