package com.quiltdata.mcp.auth;

import java.util.Optional;

/**
 * Sessions bound to users. A session created anonymously binds to the first principal that uses it;
 * from then on a request by any other subject sees the session exactly as if it did not exist. The
 * same subject with a fresh token simply continues. Sessions are never proof of identity: the
 * caller authenticates every request first.
 */
public interface SessionStore {
  /**
   * Creates a session.
   *
   * @param principal the creator, or {@code null} for an anonymous handshake
   * @param protocolVersion the negotiated protocol version, or {@code null}
   */
  Session create(Principal principal, String protocolVersion);

  /**
   * Looks a session up for a caller, binding an anonymous session to an authenticated caller and
   * sliding its idle timeout. Unknown, expired, terminated and other users' sessions are empty.
   *
   * @param principal the authenticated caller, or {@code null} for an anonymous request (which only
   *     finds anonymous sessions)
   */
  Optional<Session> lookup(String sessionId, Principal principal);

  /**
   * Ends a session if it exists and belongs to the caller (or is anonymous and the caller is too).
   *
   * @return whether a session was ended
   */
  boolean terminate(String sessionId, Principal principal);

  /**
   * Records the log level the session's client asked for ({@code logging/setLevel}), if the session
   * exists and the caller may see it (exactly as {@link #lookup}); the level is opaque text of at
   * most {@value #MAX_LOG_LEVEL_LENGTH} lower-case letters.
   *
   * @return whether it was recorded
   * @throws IllegalArgumentException when {@code level} is not such text
   */
  boolean setLogLevel(String sessionId, Principal principal, String level);

  /** Longest log level text a store keeps. */
  int MAX_LOG_LEVEL_LENGTH = 16;

  /** Checks a log level for {@link #setLogLevel}. */
  static String checkLogLevel(String level) {
    if (level == null
        || level.isEmpty()
        || level.length() > MAX_LOG_LEVEL_LENGTH
        || !level.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      throw new IllegalArgumentException("level must be 1 to 16 lower-case letters");
    }
    return level;
  }

  /** Aggregate counts only; never ids or subjects. */
  SessionStats stats();

  /** Aggregate session statistics. */
  record SessionStats(int active, int anonymous, long created, long expired, long evicted) {}
}
