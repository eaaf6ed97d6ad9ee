package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.SessionStore.SessionStats;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
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
 * timeout and absolute lifetime on the injected clock, termination, ids and aggregate statistics,
 * and (from {@link SessionCapsContract}) the bounds. A store's test extends this class and says how
 * to build a fresh, empty store; the in-memory store runs it in auth-core, the Redis store in
 * session-redis against a real {@code redis-server}.
 */
public abstract class SessionStoreContract extends SessionCapsContract {

  @Test
  void anonymousSession_bindsToFirstAuthenticatedSubject() {
    SessionStore store = contractStore();
    Session created = store.create(null, "2025-06-18");
    assertEquals(Optional.empty(), created.subject());

    Session found = store.lookup(created.id(), alice).orElseThrow();

    assertEquals(Optional.of("alice"), found.subject());
    assertEquals("2025-06-18", found.protocolVersion());
    assertEquals(Optional.of("alice"), store.lookup(created.id(), alice).orElseThrow().subject());
  }

  @Test
  void lookup_otherSubject_isAnsweredLikeAnUnknownId() {
    SessionStore store = contractStore();
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
    SessionStore store = contractStore(Duration.ofMinutes(10), Duration.ofHours(24));
    Session session = store.create(alice, null);

    clock.advance(Duration.ofMinutes(6));
    store.lookup(session.id(), bob);
    clock.advance(Duration.ofMinutes(5));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
  }

  @Test
  void sessionCreatedByAPrincipal_isBoundAtOnce() {
    SessionStore store = contractStore();
    Session session = store.create(alice, null);

    assertEquals(Optional.of("alice"), session.subject());
    assertEquals(Optional.empty(), store.lookup(session.id(), bob));
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void lookup_anonymousCallerOnBoundSession_isEmpty() {
    SessionStore store = contractStore();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    assertEquals(Optional.empty(), store.lookup(session.id(), null));
  }

  @Test
  void lookup_anonymousCallerOnAnonymousSession_findsItUnbound() {
    SessionStore store = contractStore();
    Session session = store.create(null, null);

    Session found = store.lookup(session.id(), null).orElseThrow();

    assertEquals(Optional.empty(), found.subject());
    assertTrue(store.lookup(session.id(), bob).isPresent());
  }

  @Test
  void lookup_sameSubjectWithAFreshToken_continues() {
    SessionStore store = contractStore();
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
    SessionStore store = contractStore();
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
    SessionStore store = contractStore();
    store.create(null, null);

    assertEquals(Optional.empty(), store.lookup(null, alice));
    assertEquals(Optional.empty(), store.lookup("", alice));
    assertEquals(Optional.empty(), store.lookup("x".repeat(10_000), alice));
    assertEquals(Optional.empty(), store.lookup("B".repeat(ID_LENGTH), null));
  }

  @Test
  void idleSession_expiresAndLookupsSlideTheTimeout() {
    SessionStore store = contractStore(Duration.ofMinutes(10), Duration.ofHours(24));
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
    SessionStore store = contractStore(Duration.ofMinutes(20), Duration.ofMinutes(30));
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
    SessionStore store = contractStore(Duration.ofMinutes(20), Duration.ofMinutes(30));
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
  void terminate_byAnotherSubject_failsAndLeavesTheSession() {
    SessionStore store = contractStore();
    Session session = store.create(alice, null);

    assertFalse(store.terminate(session.id(), bob));
    assertFalse(store.terminate(session.id(), null));
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void terminate_byOwner_endsTheSession() {
    SessionStore store = contractStore();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    assertTrue(store.terminate(session.id(), alice));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
    assertFalse(store.terminate(session.id(), alice));
    assertEquals(0, store.stats().active());
  }

  @Test
  void terminate_anonymousSession_onlyByAnAnonymousCaller() {
    SessionStore store = contractStore();
    Session session = store.create(null, null);

    assertFalse(store.terminate(session.id(), alice));
    assertTrue(store.terminate(session.id(), null));
    assertFalse(store.terminate(null, null));
  }

  @Test
  void ids_areUniqueVisibleAsciiAndCarryAtLeast128Bits() {
    SessionStore store = contractStore();
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
    SessionStore store = contractStore();
    store.create(null, null);
    store.create(null, null);
    store.create(alice, null);

    SessionStats stats = store.stats();

    assertEquals(new SessionStats(3, 2, 3, 0, 0), stats);
    assertFalse(stats.toString().contains("alice"));
  }

  @Test
  void sessionToString_hidesTheId() {
    Session session = contractStore().create(alice, null);

    assertFalse(session.toString().contains(session.id()));
    assertFalse(session.toString().contains("alice"));
  }

  @Test
  void create_rejectsAbusiveProtocolVersion() {
    SessionStore store = contractStore();

    assertThrows(IllegalArgumentException.class, () -> store.create(null, "v".repeat(65)));
    assertThrows(IllegalArgumentException.class, () -> store.create(null, "2025\n06"));
    assertThrows(IllegalArgumentException.class, () -> store.create(null, ""));
    assertEquals(0, store.stats().created());
  }

  @Test
  void logLevel_isKeptForTheOwner_invisibleToOthers_andValidated() {
    SessionStore store = contractStore();
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
