package com.quiltdata.mcp.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one MCP session. Immutable; the store owns the live state.
 *
 * @param id the session id sent as {@code Mcp-Session-Id} (secret-grade random, visible ASCII)
 * @param boundSubject the user the session belongs to, {@code null} while anonymous
 * @param protocolVersion the negotiated MCP protocol version, {@code null} if unknown
 * @param createdAt when the session was created
 * @param lastSeenAt when it was last used (for a looked-up session: this very look-up)
 * @param previousSeenAt when it was used before {@code lastSeenAt} (equal to it for a session that
 *     has just been created); the gap between the two is how long it sat idle
 * @param expiresAt when the session ends unless it is used again (the earlier of its idle deadline
 *     and its absolute lifetime), {@code null} when the store does not say; see {@link #expiry()}
 * @param logLevel the level of log messages the client asked for ({@code logging/setLevel}), as the
 *     protocol names it (opaque to auth-core), {@code null} while it has not asked
 */
public record Session(
    String id,
    String boundSubject,
    String protocolVersion,
    Instant createdAt,
    Instant lastSeenAt,
    Instant previousSeenAt,
    Instant expiresAt,
    String logLevel) {

  /** Validates the times that every snapshot carries. */
  public Session {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    Objects.requireNonNull(previousSeenAt, "previousSeenAt");
  }

  /**
   * A snapshot without idle history or expiry, for stores that do not track them: {@link
   * #previousSeenAt()} equals {@code lastSeenAt} and there is no {@link #expiry()}.
   */
  public Session(
      String id,
      String boundSubject,
      String protocolVersion,
      Instant createdAt,
      Instant lastSeenAt) {
    this(id, boundSubject, protocolVersion, createdAt, lastSeenAt, lastSeenAt, null, null);
  }

  /** The client's chosen log level, absent while it has not chosen one. */
  public Optional<String> logLevelChoice() {
    return Optional.ofNullable(logLevel);
  }

  /** The bound subject, absent while the session is anonymous. */
  public Optional<String> subject() {
    return Optional.ofNullable(boundSubject);
  }

  /** When the session ends unless used again, if the store says. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /** How long the session sat unused before {@link #lastSeenAt()} (zero for a new session). */
  public Duration idleBeforeLastUse() {
    Duration idle = Duration.between(previousSeenAt, lastSeenAt);
    return idle.isNegative() ? Duration.ZERO : idle;
  }

  @Override
  public String toString() {
    return "Session[id="
        + id.substring(0, Math.min(6, id.length()))
        + "..., bound="
        + (boundSubject != null)
        + "]";
  }
}
