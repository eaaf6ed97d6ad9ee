package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.SessionStore.SessionStats;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link SessionStore} keeps, whatever holds the sessions: binding to the first
 * authenticated subject (atomically), other subjects answered like unknown ids, sliding idle
 * timeout and absolute lifetime on the injected clock, the bound on sessions with anonymous ones
 * evicted first, termination, ids and aggregate statistics. A store's test extends this class and
 * says how to build a fresh, empty store; the in-memory store runs it in auth-core, the Redis store
 * in session-redis against a real {@code redis-server}.
 */
public abstract class SessionStoreContract {
  /** Characters of a session id (24 random bytes, base64url without padding). */
  protected static final int ID_LENGTH = 32;

  private final MutableClock clock = new MutableClock();
  private final Principal alice = TestTokens.principal(clock, "alice");
  private final Principal bob = TestTokens.principal(clock, "bob");

  /**
   * Builds a fresh, empty store that sees no other test's sessions.
   *
   * @param clock the clock the store measures idle time and lifetimes on
   * @param limits idle timeout, absolute lifetime, most sessions, most sessions per subject
   */
  protected abstract SessionStore newStore(Clock clock, SessionLimits limits);

  /** {@link #newStore(Clock, SessionLimits)} with the default share per subject. */
  protected final SessionStore newStore(
      Clock clock, Duration idleTimeout, Duration absoluteLifetime, int maxSessions) {
    return newStore(clock, new SessionLimits(idleTimeout, absoluteLifetime, maxSessions));
  }

  /** A principal of this subject with a freshly minted token, on the contract's clock. */
  protected final Principal principal(String subject) {
    return TestTokens.principal(clock, subject);
  }

  /** The clock every store of this contract is built on. */
  protected final Clock clock() {
    return clock;
  }

  /** Moves the contract's clock forward. */
  protected final void advance(Duration by) {
    clock.advance(by);
  }

  private SessionStore store() {
    return newStore(clock, Duration.ofHours(1), Duration.ofHours(24), 10_000);
  }

  private SessionStore store(Duration idle, Duration absolute) {
    return newStore(clock, idle, absolute, 10_000);
  }

  private SessionStore store(int maxSessions) {
    return newStore(clock, Duration.ofHours(1), Duration.ofHours(24), maxSessions);
  }

  @Test
  void anonymousSession_bindsToFirstAuthenticatedSubject() {
    SessionStore store = store();
    Session created = store.create(null, "2025-06-18");
    assertEquals(Optional.empty(), created.subject());

    Session found = store.lookup(created.id(), alice).orElseThrow();

    assertEquals(Optional.of("alice"), found.subject());
    assertEquals("2025-06-18", found.protocolVersion());
    assertEquals(Optional.of("alice"), store.lookup(created.id(), alice).orElseThrow().subject());
  }

  @Test
  void lookup_otherSubject_isAnsweredLikeAnUnknownId() {
    SessionStore store = store();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    Optional<Session> asBob = store.lookup(session.id(), bob);
    Optional<Session> unknown = store.lookup("A".repeat(ID_LENGTH), bob);

    assertEquals(Optional.empty(), asBob);
    assertEquals(unknown, asBob);
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void lookup_otherSubject_doesNotRenewTheSession() {
    SessionStore store = store(Duration.ofMinutes(10), Duration.ofHours(24));
    Session session = store.create(alice, null);

    clock.advance(Duration.ofMinutes(6));
    store.lookup(session.id(), bob);
    clock.advance(Duration.ofMinutes(5));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
  }

  @Test
  void sessionCreatedByAPrincipal_isBoundAtOnce() {
    SessionStore store = store();
    Session session = store.create(alice, null);

    assertEquals(Optional.of("alice"), session.subject());
    assertEquals(Optional.empty(), store.lookup(session.id(), bob));
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void lookup_anonymousCallerOnBoundSession_isEmpty() {
    SessionStore store = store();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    assertEquals(Optional.empty(), store.lookup(session.id(), null));
  }

  @Test
  void lookup_anonymousCallerOnAnonymousSession_findsItUnbound() {
    SessionStore store = store();
    Session session = store.create(null, null);

    Session found = store.lookup(session.id(), null).orElseThrow();

    assertEquals(Optional.empty(), found.subject());
    assertTrue(store.lookup(session.id(), bob).isPresent());
  }

  @Test
  void lookup_sameSubjectWithAFreshToken_continues() {
    SessionStore store = store();
    Session session = store.create(null, null);
    Principal firstToken = TestTokens.principal(clock, "alice");
    clock.advance(Duration.ofSeconds(5));
    Principal refreshedToken = TestTokens.principal(clock, "alice");
    assertNotEquals(firstToken.token().orElseThrow(), refreshedToken.token().orElseThrow());

    assertTrue(store.lookup(session.id(), firstToken).isPresent());
    Session continued = store.lookup(session.id(), refreshedToken).orElseThrow();

    assertEquals(Optional.of("alice"), continued.subject());
    assertEquals(clock.instant(), continued.lastSeenAt());
  }

  @Test
  void twoUsersRacingOnOneAnonymousSession_exactlyOneWins() throws Exception {
    SessionStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        Session session = store.create(null, null);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Boolean> asAlice = racer(start, store, session, alice);
        Callable<Boolean> asBob = racer(start, store, session, bob);
        Future<Boolean> a = pool.submit(asAlice);
        Future<Boolean> b = pool.submit(asBob);
        start.countDown();
        boolean aliceWon = a.get(30, TimeUnit.SECONDS);
        boolean bobWon = b.get(30, TimeUnit.SECONDS);

        assertTrue(aliceWon ^ bobWon, "exactly one of the two binds the session");
        Principal winner = aliceWon ? alice : bob;
        Principal loser = aliceWon ? bob : alice;
        assertTrue(store.lookup(session.id(), winner).isPresent());
        assertEquals(Optional.empty(), store.lookup(session.id(), loser));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Boolean> racer(
      CountDownLatch start, SessionStore store, Session session, Principal who) {
    return () -> {
      start.await();
      return store.lookup(session.id(), who).isPresent();
    };
  }

  @Test
  void lookup_unknownMalformedOrNullId_isEmpty() {
    SessionStore store = store();
    store.create(null, null);

    assertEquals(Optional.empty(), store.lookup(null, alice));
    assertEquals(Optional.empty(), store.lookup("", alice));
    assertEquals(Optional.empty(), store.lookup("x".repeat(10_000), alice));
    assertEquals(Optional.empty(), store.lookup("B".repeat(ID_LENGTH), null));
  }

  @Test
  void idleSession_expiresAndLookupsSlideTheTimeout() {
    SessionStore store = store(Duration.ofMinutes(10), Duration.ofHours(24));
    Session session = store.create(alice, null);

    clock.advance(Duration.ofMinutes(9));
    assertTrue(store.lookup(session.id(), alice).isPresent());
    clock.advance(Duration.ofMinutes(9));
    assertTrue(store.lookup(session.id(), alice).isPresent());
    clock.advance(Duration.ofMinutes(10));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
    assertEquals(new SessionStats(0, 0, 1, 1, 0), store.stats());
  }

  @Test
  void snapshots_reportPreviousUseAndTheEarlierOfIdleAndAbsoluteExpiry() {
    SessionStore store = store(Duration.ofMinutes(20), Duration.ofMinutes(30));
    Session created = store.create(alice, null);
    assertEquals(created.createdAt(), created.previousSeenAt());
    assertEquals(Duration.ZERO, created.idleBeforeLastUse());
    assertEquals(Optional.of(created.createdAt().plus(Duration.ofMinutes(20))), created.expiry());

    clock.advance(Duration.ofMinutes(7));
    Session first = store.lookup(created.id(), alice).orElseThrow();
    assertEquals(Duration.ofMinutes(7), first.idleBeforeLastUse());
    assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(20))), first.expiry());

    clock.advance(Duration.ofMinutes(15));
    Session second = store.lookup(created.id(), alice).orElseThrow();
    assertEquals(first.lastSeenAt(), second.previousSeenAt());
    assertEquals(Duration.ofMinutes(15), second.idleBeforeLastUse());
    assertEquals(
        Optional.of(created.createdAt().plus(Duration.ofMinutes(30))),
        second.expiry(),
        "the absolute lifetime ends before the idle deadline");
  }

  @Test
  void activeSession_expiresAtItsAbsoluteLifetime() {
    SessionStore store = store(Duration.ofMinutes(20), Duration.ofMinutes(30));
    Session session = store.create(null, null);

    for (int i = 0; i < 2; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertTrue(store.lookup(session.id(), alice).isPresent());
    }
    clock.advance(Duration.ofMinutes(10));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
    assertEquals(1, store.stats().expired());
  }

  @Test
  void fullStore_ofBoundSessions_refusesANewSession_andEvictsNoUser() {
    SessionStore store = store(3);
    Session first = store.create(alice, null);
    clock.advance(Duration.ofSeconds(1));
    Session second = store.create(alice, null);
    clock.advance(Duration.ofSeconds(1));
    Session third = store.create(bob, null);

    AuthException bound = assertThrows(AuthException.class, () -> store.create(bob, null));
    AuthException anonymous = assertThrows(AuthException.class, () -> store.create(null, null));

    assertEquals(AuthException.Reason.SESSION_LIMIT_REACHED, bound.reason());
    assertEquals(AuthException.Reason.SESSION_LIMIT_REACHED, anonymous.reason());
    assertTrue(bound.retryable());
    assertTrue(store.lookup(first.id(), alice).isPresent());
    assertTrue(store.lookup(second.id(), alice).isPresent());
    assertTrue(store.lookup(third.id(), bob).isPresent());
    assertEquals(new SessionStats(3, 0, 3, 0, 0), store.stats());
  }

  @Test
  void oneSubjectsShare_isCapped_byEndingItsOwnSessionIdleLongest() {
    SessionStore store =
        newStore(clock, new SessionLimits(Duration.ofHours(1), Duration.ofHours(24), 10, 3));
    Session bobs = store.create(bob, null);
    List<Session> alices = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      alices.add(store.create(alice, null));
    }
    clock.advance(Duration.ofSeconds(1));
    store.lookup(alices.get(0).id(), alice); // used again: alices.get(1) is now idle longest
    clock.advance(Duration.ofSeconds(1));
    Session handshake = store.create(null, null);
    clock.advance(Duration.ofSeconds(1));

    store.lookup(handshake.id(), alice); // binding counts like creating

    assertEquals(Optional.empty(), store.lookup(alices.get(1).id(), alice));
    assertTrue(store.lookup(alices.get(0).id(), alice).isPresent());
    assertTrue(store.lookup(alices.get(2).id(), alice).isPresent());
    assertTrue(store.lookup(handshake.id(), alice).isPresent());
    assertTrue(store.lookup(bobs.id(), bob).isPresent(), "another subject is never touched");
    assertEquals(new SessionStats(4, 0, 5, 0, 1), store.stats());
  }

  /**
   * Issue 15 item 5, scaled down: one low-privilege token opening more sessions than the store
   * holds made an established user's session answer 404. Now its own share is capped and a full
   * store refuses rather than evicts.
   */
  @Test
  void sessionFloodWithAValidToken_neverEndsAnotherUsersSession() {
    SessionStore store =
        newStore(clock, new SessionLimits(Duration.ofHours(1), Duration.ofHours(24), 1_000, 100));
    Session alices = store.create(alice, null);
    Principal mallory = principal("mallory");
    for (int i = 0; i < 1_050; i++) {
      clock.advance(Duration.ofMillis(1));
      store.create(mallory, null);
    }
    assertTrue(store.lookup(alices.id(), alice).isPresent());
    SessionStats stats = store.stats();
    assertEquals(101, stats.active());
    assertEquals(950, stats.evicted());
  }

  @Test
  void fullStore_evictsTheLongestIdleAnonymousSessionBeforeAnyBoundOne() {
    SessionStore store = store(3);
    Session bound = store.create(alice, null);
    clock.advance(Duration.ofSeconds(1));
    Session olderAnonymous = store.create(null, null);
    clock.advance(Duration.ofSeconds(1));
    Session newerAnonymous = store.create(null, null);
    clock.advance(Duration.ofSeconds(1));
    store.lookup(olderAnonymous.id(), null); // used again: now the newer of the two

    store.create(bob, null);

    assertTrue(store.lookup(bound.id(), alice).isPresent(), "bound and idle longest, yet kept");
    assertEquals(Optional.empty(), store.lookup(newerAnonymous.id(), null));
    assertTrue(store.lookup(olderAnonymous.id(), null).isPresent());
    assertEquals(new SessionStats(3, 1, 4, 0, 1), store.stats());
  }

  @Test
  void anonymousFlood_neverDisplacesEstablishedUsers() {
    SessionStore store = store(100);
    List<Session> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      users.add(store.create(alice, null));
    }
    Session handshake = store.create(null, null);
    store.lookup(handshake.id(), bob); // the frontend's first authenticated call binds it
    for (int i = 0; i < 2_000; i++) {
      store.create(null, null);
    }
    for (Session s : users) {
      assertTrue(store.lookup(s.id(), alice).isPresent());
    }
    assertTrue(store.lookup(handshake.id(), bob).isPresent());
    SessionStats stats = store.stats();
    assertEquals(100, stats.active());
    assertEquals(89, stats.anonymous());
    assertEquals(2_011 - 100, stats.evicted());
  }

  @Test
  void terminate_byAnotherSubject_failsAndLeavesTheSession() {
    SessionStore store = store();
    Session session = store.create(alice, null);

    assertFalse(store.terminate(session.id(), bob));
    assertFalse(store.terminate(session.id(), null));
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void terminate_byOwner_endsTheSession() {
    SessionStore store = store();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    assertTrue(store.terminate(session.id(), alice));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
    assertFalse(store.terminate(session.id(), alice));
    assertEquals(0, store.stats().active());
  }

  @Test
  void terminate_anonymousSession_onlyByAnAnonymousCaller() {
    SessionStore store = store();
    Session session = store.create(null, null);

    assertFalse(store.terminate(session.id(), alice));
    assertTrue(store.terminate(session.id(), null));
    assertFalse(store.terminate(null, null));
  }

  @Test
  void ids_areUniqueVisibleAsciiAndCarryAtLeast128Bits() {
    SessionStore store = store();
    Set<String> ids = new HashSet<>();

    for (int i = 0; i < 2_000; i++) {
      String id = store.create(null, null).id();
      assertEquals(ID_LENGTH, id.length());
      assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
      assertTrue(Base64.getUrlDecoder().decode(id).length * 8 >= 128);
      ids.add(id);
    }

    assertEquals(2_000, ids.size());
    assertEquals(2_000, store.stats().active());
  }

  @Test
  void stats_countAnonymousAndActiveSessionsOnly() {
    SessionStore store = store();
    store.create(null, null);
    store.create(null, null);
    store.create(alice, null);

    SessionStats stats = store.stats();

    assertEquals(new SessionStats(3, 2, 3, 0, 0), stats);
    assertFalse(stats.toString().contains("alice"));
  }

  @Test
  void sessionToString_hidesTheId() {
    Session session = store().create(alice, null);

    assertFalse(session.toString().contains(session.id()));
    assertFalse(session.toString().contains("alice"));
  }

  @Test
  void create_rejectsAbusiveProtocolVersion() {
    SessionStore store = store();

    assertThrows(IllegalArgumentException.class, () -> store.create(null, "v".repeat(65)));
    assertThrows(IllegalArgumentException.class, () -> store.create(null, "2025\n06"));
    assertThrows(IllegalArgumentException.class, () -> store.create(null, ""));
    assertEquals(0, store.stats().created());
  }

  @Test
  void concurrentCreates_neverExceedTheBound() throws Exception {
    SessionStore store = store(200);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    Session s = store.create(null, null);
                    store.lookup(s.id(), alice);
                  }
                }));
      }
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // 1,000 sessions bound to one subject: its share (100 of 200) is the bound that holds
    SessionStats stats = store.stats();
    assertEquals(100, stats.active());
    assertEquals(1_000, stats.created());
    assertEquals(900, stats.evicted());
  }

  @Test
  void logLevel_isKeptForTheOwner_invisibleToOthers_andValidated() {
    SessionStore store = store();
    Session s = store.create(alice, "2025-06-18");
    assertTrue(s.logLevelChoice().isEmpty());

    assertTrue(store.setLogLevel(s.id(), alice, "debug"));
    assertFalse(store.setLogLevel(s.id(), bob, "error"), "another user's session is unknown");
    assertFalse(store.setLogLevel("no-such-session", alice, "error"));

    assertEquals("debug", store.lookup(s.id(), alice).orElseThrow().logLevelChoice().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> store.setLogLevel(s.id(), alice, "DEBUG"));
    assertThrows(
        IllegalArgumentException.class, () -> store.setLogLevel(s.id(), alice, "x".repeat(17)));
  }
}
