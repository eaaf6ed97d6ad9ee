package com.quiltdata.mcp.auth;

import java.security.SecureRandom;
import java.util.Base64;
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

  /** Random bytes per session id. */
  int ID_BYTES = 24;

  /** Characters per session id: {@value #ID_BYTES} bytes, base64url without padding. */
  int ID_LENGTH = 32;

  /** Longest accepted protocol version text. */
  int MAX_PROTOCOL_VERSION_LENGTH = 64;

  /** A new session id: {@value #ID_BYTES} bytes of {@code random}, base64url without padding. */
  static String newId(SecureRandom random) {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether text has the shape of a session id (cheap check before any look-up). */
  static boolean isWellFormedId(String sessionId) {
    return sessionId != null && sessionId.length() == ID_LENGTH;
  }

  /**
   * Checks a protocol version for {@link #create}: {@code null}, or 1 to {@value
   * #MAX_PROTOCOL_VERSION_LENGTH} visible ASCII characters.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String checkProtocolVersion(String protocolVersion) {
    if (protocolVersion == null) {
      return null;
    }
    boolean ok =
        !protocolVersion.isEmpty() && protocolVersion.length() <= MAX_PROTOCOL_VERSION_LENGTH;
    for (int i = 0; ok && i < protocolVersion.length(); i++) {
      char c = protocolVersion.charAt(i);
      ok = c > 0x20 && c < 0x7f;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "protocolVersion must be 1.."
              + MAX_PROTOCOL_VERSION_LENGTH
              + " visible ASCII characters or null");
    }
    return protocolVersion;
  }

  /** Aggregate counts only; never ids or subjects. */
  SessionStats stats();

  /** Aggregate session statistics. */
  record SessionStats(int active, int anonymous, long created, long expired, long evicted) {}

  /**
   * One line for health checks: where the store is and whether it answers, never a credential. The
   * in-memory store is always {@code "in memory"}.
   */
  default String describeState() {
    return "in memory";
  }

  /**
   * How the replicas sharing this store relay {@code notifications/cancelled} to each other. A
   * store that only this process sees (the in-memory store) has {@link CancellationRelay#NONE}.
   */
  default CancellationRelay cancellationRelay() {
    return CancellationRelay.NONE;
  }
}
