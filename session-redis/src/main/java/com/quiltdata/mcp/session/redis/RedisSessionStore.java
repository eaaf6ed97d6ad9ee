package com.quiltdata.mcp.session.redis;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.CancellationRelay;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.SessionLimits;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.session.redis.internal.RedisLink;
import com.quiltdata.mcp.session.redis.internal.RedisRelay;
import com.quiltdata.mcp.session.redis.internal.SessionScript;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionStore} in Redis, shared by every replica, with exactly the rules of auth-core's
 * {@link com.quiltdata.mcp.auth.InMemorySessionStore}. Each operation is one Lua script, so binding
 * to the first authenticated subject, eviction and termination are atomic across replicas.
 *
 * <ul>
 *   <li>Redis holds no live session id and no token: a session's key is the SHA-256 of its id, its
 *       owner is the SHA-256 of the subject, and the rest is times, the protocol version and the
 *       log level. Someone holding a dump can neither resume a session nor learn who owns it by
 *       name without guessing.
 *   <li>Idle timeout (sliding) and absolute lifetime are checked on the injected clock inside the
 *       script; the key's Redis TTL is set to the same end, so Redis drops what nobody purges.
 *   <li>At most {@code maxSessions} per key prefix; creating one more evicts the anonymous session
 *       idle the longest, or, when every session is bound, the session idle the longest.
 *   <li>When Redis cannot be reached or does not answer within the command timeout, every operation
 *       throws {@code AuthException(SESSION_STORE_UNAVAILABLE)} (retryable); nothing is kept
 *       locally behind Redis's back. The connection comes back on its own.
 *   <li>{@link #cancellationRelay()} relays {@code notifications/cancelled} between the replicas
 *       over Redis pub/sub, on the channel {@code <key prefix>cancelled}; only a SHA-256 digest of
 *       the cancelled call's key is published.
 * </ul>
 *
 * <p>Replicas' clocks should agree to well under the idle timeout (NTP does). Thread-safe.
 */
public final class RedisSessionStore implements SessionStore, AutoCloseable {
  private static final int MAX_ID_ATTEMPTS = 4;

  private final RedisLink link;
  private final String prefix;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration idleTimeout;
  private final Duration absoluteLifetime;
  private final int maxSessions;
  private final int maxSessionsPerSubject;
  private final Object relayLock = new Object();
  private RedisRelay relay;

  private RedisSessionStore(Builder b) {
    this.link = RedisLink.of(b.settings);
    this.prefix = b.settings.keyPrefix();
    this.clock = b.clock;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.idleTimeout = b.limits.idleTimeout();
    this.absoluteLifetime = b.limits.absoluteLifetime();
    this.maxSessions = b.limits.maxSessions();
    this.maxSessionsPerSubject = b.limits.maxSessionsPerSubject();
  }

  /**
   * Starts a builder; defaults as the in-memory store: 1 h idle, 24 h absolute, 10,000 sessions.
   */
  public static Builder builder(RedisStoreSettings settings) {
    return new Builder(settings);
  }

  @Override
  public Session create(Principal principal, String protocolVersion) {
    SessionStore.checkProtocolVersion(protocolVersion);
    String subject = principal == null ? null : principal.subject();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      String id = SessionStore.newId(random);
      Long ends =
          link.eval(
              SessionScript.CREATE,
              ScriptOutputType.INTEGER,
              common(
                  now,
                  id,
                  owner(subject),
                  protocolVersion == null ? "" : protocolVersion,
                  Long.toString(absoluteLifetime.toMillis()),
                  Integer.toString(maxSessions),
                  Integer.toString(maxSessionsPerSubject)));
      if (ends != null && ends == -1L) {
        throw new AuthException(
            AuthException.Reason.SESSION_LIMIT_REACHED,
            "every session slot is held by a signed-in user; retry later");
      }
      if (ends != null && ends != 0L) {
        return new Session(
            id, subject, protocolVersion, now, now, now, Instant.ofEpochMilli(ends), null);
      }
    }
    throw new IllegalStateException("no unused session id after " + MAX_ID_ATTEMPTS + " tries");
  }

  @Override
  public Optional<Session> lookup(String sessionId, Principal principal) {
    if (!SessionStore.isWellFormedId(sessionId)) {
      return Optional.empty();
    }
    String subject = principal == null ? null : principal.subject();
    List<String> h =
        link.eval(
            SessionScript.LOOKUP,
            ScriptOutputType.MULTI,
            common(
                clock.instant(),
                sessionId,
                owner(subject),
                Integer.toString(maxSessionsPerSubject)));
    if (h == null || h.size() < 8) {
      return Optional.empty();
    }
    boolean bound = !h.get(0).isEmpty();
    return Optional.of(
        new Session(
            sessionId,
            bound ? subject : null,
            emptyToNull(h.get(1)),
            millis(h.get(2)),
            millis(h.get(3)),
            millis(h.get(4)),
            millis(h.get(7)),
            emptyToNull(h.get(6))));
  }

  @Override
  public boolean terminate(String sessionId, Principal principal) {
    if (!SessionStore.isWellFormedId(sessionId)) {
      return false;
    }
    Long ended =
        link.eval(
            SessionScript.TERMINATE,
            ScriptOutputType.INTEGER,
            common(
                clock.instant(), sessionId, owner(principal == null ? null : principal.subject())));
    return ended != null && ended == 1L;
  }

  @Override
  public boolean setLogLevel(String sessionId, Principal principal, String level) {
    SessionStore.checkLogLevel(level);
    if (!SessionStore.isWellFormedId(sessionId)) {
      return false;
    }
    Long done =
        link.eval(
            SessionScript.LEVEL,
            ScriptOutputType.INTEGER,
            common(
                clock.instant(),
                sessionId,
                owner(principal == null ? null : principal.subject()),
                level));
    return done != null && done == 1L;
  }

  @Override
  public SessionStats stats() {
    List<Long> s =
        link.eval(
            SessionScript.STATS,
            ScriptOutputType.MULTI,
            prefix,
            Long.toString(clock.instant().toEpochMilli()),
            Long.toString(idleTimeout.toMillis()),
            "");
    return new SessionStats(s.get(0).intValue(), s.get(1).intValue(), s.get(2), s.get(3), s.get(4));
  }

  /**
   * Connects now (at start-up): a TLS or credential misconfiguration throws, an unreachable Redis
   * does not (requests get 503s until it answers).
   *
   * @throws IllegalStateException naming what is misconfigured, never a password
   */
  public void connectAtStart() {
    link.connectAtStart();
  }

  /** Whether the last Redis command succeeded on an open connection. */
  public boolean healthy() {
    return link.healthy();
  }

  /** What the store's health check shows: location, state and the last failure's kind. */
  @Override
  public String describeState() {
    return link.location()
        + " "
        + (link.healthy() ? "up" : "down")
        + (link.healthy() ? "" : " (" + link.lastFailure() + ")");
  }

  /**
   * The relay of {@code notifications/cancelled} between the replicas of this store: {@code
   * PUBLISH}/{@code SUBSCRIBE} on {@code <key prefix>cancelled} with the store's connection
   * settings, carrying only digests. Made on first call, closed with the store.
   */
  @Override
  public CancellationRelay cancellationRelay() {
    synchronized (relayLock) {
      if (relay == null) {
        relay = new RedisRelay(link, prefix + "cancelled");
      }
      return relay;
    }
  }

  /** Where the store is, without credentials. */
  public String location() {
    return link.location();
  }

  /** What Redis keys a session id under: the SHA-256 of the id, never the id. */
  static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String[] common(Instant now, String sessionId, String... rest) {
    String[] args = new String[4 + rest.length];
    args[0] = prefix;
    args[1] = Long.toString(now.toEpochMilli());
    args[2] = Long.toString(idleTimeout.toMillis());
    args[3] = digest(sessionId);
    System.arraycopy(rest, 0, args, 4, rest.length);
    return args;
  }

  private static String owner(String subject) {
    return subject == null ? "" : digest("subject:" + subject);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static Instant millis(String text) {
    return Instant.ofEpochMilli(Long.parseLong(text));
  }

  /** Closes the relay, if one was made, and the connection. */
  @Override
  public void close() {
    synchronized (relayLock) {
      if (relay != null) {
        relay.close();
      }
    }
    link.close();
  }

  @Override
  public String toString() {
    return "RedisSessionStore["
        + link.location()
        + ", idleTimeout="
        + idleTimeout
        + ", absoluteLifetime="
        + absoluteLifetime
        + ", maxSessions="
        + maxSessions
        + "]";
  }

  /** Mutable builder; not thread-safe. Every setter validates at once and names the field. */
  public static final class Builder {
    private final RedisStoreSettings settings;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private SessionLimits limits = SessionLimits.DEFAULTS;

    private Builder(RedisStoreSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Sets the clock. Default: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the source of session ids. Default: a new {@link SecureRandom}. */
    public Builder secureRandom(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "secureRandom");
      return this;
    }

    /**
     * Sets the idle timeout, absolute lifetime and bound. Default {@link SessionLimits#DEFAULTS}.
     */
    public Builder limits(SessionLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Builds the store; it connects on first use. */
    public RedisSessionStore build() {
      return new RedisSessionStore(this);
    }
  }
}
