package com.quiltdata.mcp.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, in-process {@link SessionStore}.
 *
 * <ul>
 *   <li>Ids are {@value #ID_BYTES} bytes from the injected {@link SecureRandom}, base64url without
 *       padding: {@value #ID_LENGTH} visible ASCII characters, 192 bits.
 *   <li>A session expires after the idle timeout (sliding: every successful look-up renews it) or
 *       at its absolute lifetime, whichever comes first, both measured on the injected clock.
 *   <li>At most {@code maxSessions} live at once; creating one more evicts the anonymous session
 *       idle the longest, and when every session is bound to a user it is refused ({@link
 *       AuthException.Reason#SESSION_LIMIT_REACHED}, retryable): a flood of handshakes, anonymous
 *       or with a valid token, never displaces another user's established session.
 *   <li>At most {@code maxSessionsPerSubject} per subject; one more (created for the subject or
 *       bound to it) ends that subject's own session idle the longest.
 *   <li>An anonymous session binds to the first authenticated subject that looks it up. Another
 *       subject, or an anonymous caller on a bound session, gets the very answer an unknown id gets
 *       (the same branch, nothing renewed or reordered).
 *   <li>Snapshots say when the session was used before this look-up and when it will end unless
 *       used again, so a caller can see its own session's idle time and expiry.
 * </ul>
 *
 * <p>Thread-safe: one short lock guards a map kept in least-recently-used order, so the oldest idle
 * session is always at its head and eviction and idle purging are O(1) per session.
 */
public final class InMemorySessionStore implements SessionStore {
  /** Random bytes per session id. */
  public static final int ID_BYTES = SessionStore.ID_BYTES;

  /** Characters per session id. */
  public static final int ID_LENGTH = SessionStore.ID_LENGTH;

  private final Clock clock;
  private final SecureRandom random;
  private final Duration idleTimeout;
  private final Duration absoluteLifetime;
  private final int maxSessions;
  private final int maxSessionsPerSubject;

  private final ReentrantLock lock = new ReentrantLock();

  /** Insertion order = order of last use; re-inserted on every touch. Guarded by {@link #lock}. */
  private final LinkedHashMap<String, Live> sessions = new LinkedHashMap<>();

  /**
   * The unbound sessions of {@link #sessions}, in the same order of last use: the first to evict.
   * Guarded by {@link #lock}.
   */
  private final LinkedHashMap<String, Live> anonymous = new LinkedHashMap<>();

  /** The bound sessions of each subject, in order of last use. Guarded by {@link #lock}. */
  private final Map<String, LinkedHashMap<String, Live>> bySubject = new HashMap<>();

  private long created;
  private long expired;
  private long evicted;

  /** The mutable state of one session; guarded by the store's lock. */
  private static final class Live {
    final String id;
    final String protocolVersion;
    final Instant createdAt;
    final Instant expiresAt;
    String subject;
    Instant lastSeenAt;
    Instant previousSeenAt;
    String logLevel;

    Live(String id, String subject, String protocolVersion, Instant now, Duration lifetime) {
      this.id = id;
      this.subject = subject;
      this.protocolVersion = protocolVersion;
      this.createdAt = now;
      this.expiresAt = now.plus(lifetime);
      this.lastSeenAt = now;
      this.previousSeenAt = now;
    }

    void touch(Instant now) {
      previousSeenAt = lastSeenAt;
      lastSeenAt = now;
    }

    Session snapshot(Duration idleTimeout) {
      Instant idleDeadline = lastSeenAt.plus(idleTimeout);
      Instant ends = idleDeadline.isBefore(expiresAt) ? idleDeadline : expiresAt;
      return new Session(
          id, subject, protocolVersion, createdAt, lastSeenAt, previousSeenAt, ends, logLevel);
    }
  }

  private InMemorySessionStore(Builder b) {
    this.clock = b.clock;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.idleTimeout = b.idleTimeout;
    this.absoluteLifetime = b.absoluteLifetime;
    this.maxSessions = b.maxSessions;
    this.maxSessionsPerSubject = b.maxSessionsPerSubject;
  }

  /** Starts a builder with the defaults: 1 h idle, 24 h absolute, 10,000 sessions. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Session create(Principal principal, String protocolVersion) {
    SessionStore.checkProtocolVersion(protocolVersion);
    String subject = principal == null ? null : principal.subject();
    String id = newId();
    lock.lock();
    try {
      Instant now = clock.instant();
      purgeIdle(now);
      while (sessions.containsKey(id)) {
        id = newId();
      }
      while (sessions.size() >= maxSessions) {
        if (anonymous.isEmpty()) {
          throw new AuthException(
              AuthException.Reason.SESSION_LIMIT_REACHED,
              "every session slot is held by a signed-in user; retry later");
        }
        drop(anonymous.values().iterator().next().id);
        evicted++;
      }
      Live live = new Live(id, subject, protocolVersion, now, absoluteLifetime);
      sessions.put(id, live);
      if (subject == null) {
        anonymous.put(id, live);
      } else {
        useBySubject(live);
      }
      created++;
      return live.snapshot(idleTimeout);
    } finally {
      lock.unlock();
    }
  }

  private String newId() {
    return SessionStore.newId(random);
  }

  @Override
  public Optional<Session> lookup(String sessionId, Principal principal) {
    lock.lock();
    try {
      Instant now = clock.instant();
      Live live = find(sessionId, now);
      if (live == null || !visibleTo(live, principal)) {
        return Optional.empty();
      }
      anonymous.remove(live.id);
      if (live.subject == null && principal != null) {
        live.subject = principal.subject();
      }
      live.touch(now);
      sessions.remove(live.id);
      sessions.put(live.id, live);
      if (live.subject == null) {
        anonymous.put(live.id, live);
      } else {
        useBySubject(live);
      }
      return Optional.of(live.snapshot(idleTimeout));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean setLogLevel(String sessionId, Principal principal, String level) {
    SessionStore.checkLogLevel(level);
    lock.lock();
    try {
      Live live = find(sessionId, clock.instant());
      if (live == null || !visibleTo(live, principal)) {
        return false;
      }
      live.logLevel = level;
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean terminate(String sessionId, Principal principal) {
    lock.lock();
    try {
      Live live = find(sessionId, clock.instant());
      if (live == null || !ownedBy(live, principal)) {
        return false;
      }
      drop(live.id);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public SessionStats stats() {
    lock.lock();
    try {
      Instant now = clock.instant();
      int unbound = 0;
      for (Iterator<Live> it = sessions.values().iterator(); it.hasNext(); ) {
        Live live = it.next();
        if (isExpired(live, now)) {
          it.remove();
          forget(live);
          expired++;
        } else if (live.subject == null) {
          unbound++;
        }
      }
      return new SessionStats(sessions.size(), unbound, created, expired, evicted);
    } finally {
      lock.unlock();
    }
  }

  /** The live session with this id, dropping it (and idle ones) if expired; null if none. */
  private Live find(String sessionId, Instant now) {
    purgeIdle(now);
    if (!SessionStore.isWellFormedId(sessionId)) {
      return null;
    }
    Live live = sessions.get(sessionId);
    if (live != null && isExpired(live, now)) {
      drop(sessionId);
      expired++;
      return null;
    }
    return live;
  }

  /** Lookup rule: anonymous sessions are visible to anyone; bound ones to their subject only. */
  private static boolean visibleTo(Live live, Principal principal) {
    if (live.subject == null) {
      return true;
    }
    return principal != null && live.subject.equals(principal.subject());
  }

  /** Terminate rule: a bound session by its subject, an anonymous one by an anonymous caller. */
  private static boolean ownedBy(Live live, Principal principal) {
    if (live.subject == null) {
      return principal == null;
    }
    return principal != null && live.subject.equals(principal.subject());
  }

  /** Drops sessions idle too long from the head of the use-ordered map. */
  private void purgeIdle(Instant now) {
    Iterator<Live> it = sessions.values().iterator();
    while (it.hasNext()) {
      Live oldest = it.next();
      if (!isExpired(oldest, now)) {
        return;
      }
      it.remove();
      forget(oldest);
      expired++;
    }
  }

  /**
   * Puts a bound session last in its subject's order and ends that subject's sessions idle the
   * longest while it holds more than its share.
   */
  private void useBySubject(Live live) {
    LinkedHashMap<String, Live> own =
        bySubject.computeIfAbsent(live.subject, s -> new LinkedHashMap<>());
    own.remove(live.id);
    own.put(live.id, live);
    while (own.size() > maxSessionsPerSubject) {
      drop(own.keySet().iterator().next());
      evicted++;
    }
  }

  /** Removes a session from every order. */
  private void drop(String id) {
    Live live = sessions.remove(id);
    if (live != null) {
      forget(live);
    }
  }

  /** Removes a session already gone from {@link #sessions} from the other orders. */
  private void forget(Live live) {
    anonymous.remove(live.id);
    if (live.subject != null) {
      LinkedHashMap<String, Live> own = bySubject.get(live.subject);
      if (own != null) {
        own.remove(live.id);
        if (own.isEmpty()) {
          bySubject.remove(live.subject);
        }
      }
    }
  }

  private boolean isExpired(Live live, Instant now) {
    return !now.isBefore(live.lastSeenAt.plus(idleTimeout)) || !now.isBefore(live.expiresAt);
  }

  @Override
  public String toString() {
    return "InMemorySessionStore[idleTimeout="
        + idleTimeout
        + ", absoluteLifetime="
        + absoluteLifetime
        + ", maxSessions="
        + maxSessions
        + ", maxSessionsPerSubject="
        + maxSessionsPerSubject
        + "]";
  }

  /** Mutable builder; not thread-safe. Every setter validates at once and names the field. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private Duration idleTimeout = Duration.ofHours(1);
    private Duration absoluteLifetime = Duration.ofHours(24);
    private int maxSessions = 10_000;
    private int maxSessionsPerSubject = SessionLimits.DEFAULT_SESSIONS_PER_SUBJECT;
    private boolean perSubjectSet;

    private Builder() {}

    /**
     * Sets the most sessions one subject keeps: 1 to {@code maxSessions}. Default 100 (or {@code
     * maxSessions} if smaller).
     */
    public Builder maxSessionsPerSubject(int maxSessionsPerSubject) {
      if (maxSessionsPerSubject < 1) {
        throw new IllegalArgumentException("maxSessionsPerSubject must be at least 1");
      }
      this.maxSessionsPerSubject = maxSessionsPerSubject;
      this.perSubjectSet = true;
      return this;
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

    /** Sets the sliding idle timeout: 1 second to 7 days. Default 1 hour. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = SessionLimits.checkDuration(idleTimeout, "idleTimeout");
      return this;
    }

    /** Sets the absolute lifetime: 1 second to 7 days, not below the idle timeout. Default 24 h. */
    public Builder absoluteLifetime(Duration absoluteLifetime) {
      this.absoluteLifetime = SessionLimits.checkDuration(absoluteLifetime, "absoluteLifetime");
      return this;
    }

    /** Sets the most sessions kept at once: 1 to 1,000,000. Default 10,000. */
    public Builder maxSessions(int maxSessions) {
      this.maxSessions = SessionLimits.checkMaxSessions(maxSessions);
      return this;
    }

    /**
     * Builds the store.
     *
     * @throws IllegalArgumentException if the idle timeout exceeds the absolute lifetime
     */
    public InMemorySessionStore build() {
      if (!perSubjectSet) {
        maxSessionsPerSubject = Math.min(maxSessions, SessionLimits.DEFAULT_SESSIONS_PER_SUBJECT);
      }
      new SessionLimits(idleTimeout, absoluteLifetime, maxSessions, maxSessionsPerSubject);
      return new InMemorySessionStore(this);
    }

    /** Sets every limit at once. */
    public Builder limits(SessionLimits limits) {
      this.idleTimeout = limits.idleTimeout();
      this.absoluteLifetime = limits.absoluteLifetime();
      this.maxSessions = limits.maxSessions();
      this.maxSessionsPerSubject = limits.maxSessionsPerSubject();
      this.perSubjectSet = true;
      return this;
    }
  }
}
