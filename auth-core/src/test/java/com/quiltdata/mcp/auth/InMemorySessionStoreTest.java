package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.SessionStore.SessionStats;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Binding, visibility, expiry, bounds and ids of the in-memory session store. */
class InMemorySessionStoreTest {
  private final MutableClock clock = new MutableClock();
  private final Principal alice = TestTokens.principal(clock, "alice");
  private final Principal bob = TestTokens.principal(clock, "bob");

  private InMemorySessionStore store() {
    return InMemorySessionStore.builder().clock(clock).build();
  }

  @Test
  void anonymousSession_bindsToFirstAuthenticatedSubject() {
    InMemorySessionStore store = store();
    Session created = store.create(null, "2025-06-18");
    assertEquals(Optional.empty(), created.subject());

    Session found = store.lookup(created.id(), alice).orElseThrow();

    assertEquals(Optional.of("alice"), found.subject());
    assertEquals("2025-06-18", found.protocolVersion());
    assertEquals(Optional.of("alice"), store.lookup(created.id(), alice).orElseThrow().subject());
  }

  @Test
  void lookup_otherSubject_isAnsweredLikeAnUnknownId() {
    InMemorySessionStore store = store();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    Optional<Session> asBob = store.lookup(session.id(), bob);
    Optional<Session> unknown = store.lookup("A".repeat(InMemorySessionStore.ID_LENGTH), bob);

    assertEquals(Optional.empty(), asBob);
    assertEquals(unknown, asBob);
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void lookup_otherSubject_doesNotRenewTheSession() {
    InMemorySessionStore store =
        InMemorySessionStore.builder().clock(clock).idleTimeout(Duration.ofMinutes(10)).build();
    Session session = store.create(alice, null);

    clock.advance(Duration.ofMinutes(6));
    store.lookup(session.id(), bob);
    clock.advance(Duration.ofMinutes(5));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
  }

  @Test
  void sessionCreatedByAPrincipal_isBoundAtOnce() {
    InMemorySessionStore store = store();
    Session session = store.create(alice, null);

    assertEquals(Optional.of("alice"), session.subject());
    assertEquals(Optional.empty(), store.lookup(session.id(), bob));
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void lookup_anonymousCallerOnBoundSession_isEmpty() {
    InMemorySessionStore store = store();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    assertEquals(Optional.empty(), store.lookup(session.id(), null));
  }

  @Test
  void lookup_anonymousCallerOnAnonymousSession_findsItUnbound() {
    InMemorySessionStore store = store();
    Session session = store.create(null, null);

    Session found = store.lookup(session.id(), null).orElseThrow();

    assertEquals(Optional.empty(), found.subject());
    assertTrue(store.lookup(session.id(), bob).isPresent());
  }

  @Test
  void lookup_sameSubjectWithAFreshToken_continues() {
    InMemorySessionStore store = store();
    Session session = store.create(null, null);
    Principal firstToken = TestTokens.principal(clock, "alice");
    clock.advance(Duration.ofSeconds(5));
    Principal refreshedToken = TestTokens.principal(clock, "alice");
    assertNotEquals(firstToken.token().orElseThrow(), refreshedToken.token().orElseThrow());
    assertNotEquals(
        firstToken.claims().issuedAt().orElseThrow(),
        refreshedToken.claims().issuedAt().orElseThrow());

    assertTrue(store.lookup(session.id(), firstToken).isPresent());
    Session continued = store.lookup(session.id(), refreshedToken).orElseThrow();

    assertEquals(Optional.of("alice"), continued.subject());
    assertEquals(clock.instant(), continued.lastSeenAt());
  }

  @Test
  void lookup_unknownMalformedOrNullId_isEmpty() {
    InMemorySessionStore store = store();
    store.create(null, null);

    assertEquals(Optional.empty(), store.lookup(null, alice));
    assertEquals(Optional.empty(), store.lookup("", alice));
    assertEquals(Optional.empty(), store.lookup("x".repeat(10_000), alice));
    assertEquals(Optional.empty(), store.lookup("B".repeat(InMemorySessionStore.ID_LENGTH), null));
  }

  @Test
  void idleSession_expiresAndLookupsSlideTheTimeout() {
    InMemorySessionStore store =
        InMemorySessionStore.builder().clock(clock).idleTimeout(Duration.ofMinutes(10)).build();
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
    InMemorySessionStore store =
        InMemorySessionStore.builder()
            .clock(clock)
            .idleTimeout(Duration.ofMinutes(20))
            .absoluteLifetime(Duration.ofMinutes(30))
            .build();
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
  void sessionWithoutStoreHistory_hasNoExpiryAndNoIdleTime() {
    Session plain =
        new Session("id", "alice", null, clock.instant(), clock.instant().plusSeconds(5));
    assertEquals(Optional.empty(), plain.expiry());
    assertEquals(plain.lastSeenAt(), plain.previousSeenAt());
    assertEquals(Duration.ZERO, plain.idleBeforeLastUse());
  }

  @Test
  void activeSession_expiresAtItsAbsoluteLifetime() {
    InMemorySessionStore store =
        InMemorySessionStore.builder()
            .clock(clock)
            .idleTimeout(Duration.ofMinutes(20))
            .absoluteLifetime(Duration.ofMinutes(30))
            .build();
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
  void defaults_areOneHourIdleAndOneDayAbsolute() {
    InMemorySessionStore store = store();
    Session idle = store.create(alice, null);
    Session busy = store.create(alice, null);

    clock.advance(Duration.ofMinutes(59));
    assertTrue(store.lookup(idle.id(), alice).isPresent());
    assertTrue(store.lookup(busy.id(), alice).isPresent());
    for (int i = 1; i < 24; i++) {
      clock.advance(Duration.ofMinutes(59));
      assertTrue(store.lookup(busy.id(), alice).isPresent());
    }
    assertEquals(Optional.empty(), store.lookup(idle.id(), alice));
    clock.advance(Duration.ofMinutes(24 * 60 - 24 * 59));
    assertEquals(Optional.empty(), store.lookup(busy.id(), alice));
  }

  @Test
  void fullStore_ofBoundSessions_evictsTheSessionIdleLongest() {
    InMemorySessionStore store = InMemorySessionStore.builder().clock(clock).maxSessions(3).build();
    Session first = store.create(alice, null);
    clock.advance(Duration.ofSeconds(1));
    Session second = store.create(alice, null);
    clock.advance(Duration.ofSeconds(1));
    Session third = store.create(bob, null);
    clock.advance(Duration.ofSeconds(1));
    store.lookup(first.id(), alice);

    Session fourth = store.create(bob, null);

    assertEquals(Optional.empty(), store.lookup(second.id(), alice));
    assertTrue(store.lookup(first.id(), alice).isPresent());
    assertTrue(store.lookup(third.id(), bob).isPresent());
    assertTrue(store.lookup(fourth.id(), bob).isPresent());
    assertEquals(new SessionStats(3, 0, 4, 0, 1), store.stats());
  }

  @Test
  void fullStore_evictsTheLongestIdleAnonymousSessionBeforeAnyBoundOne() {
    InMemorySessionStore store = InMemorySessionStore.builder().clock(clock).maxSessions(3).build();
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
    InMemorySessionStore store =
        InMemorySessionStore.builder().clock(clock).maxSessions(100).build();
    List<Session> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      users.add(store.create(alice, null));
    }
    Session handshake = store.create(null, null);
    store.lookup(handshake.id(), bob); // the frontend's first authenticated call binds it
    for (int i = 0; i < 10_000; i++) {
      store.create(null, null);
    }
    for (Session s : users) {
      assertTrue(store.lookup(s.id(), alice).isPresent());
    }
    assertTrue(store.lookup(handshake.id(), bob).isPresent());
    SessionStats stats = store.stats();
    assertEquals(100, stats.active());
    assertEquals(89, stats.anonymous());
    assertEquals(10_011 - 100, stats.evicted());
  }

  @Test
  void terminate_byAnotherSubject_failsAndLeavesTheSession() {
    InMemorySessionStore store = store();
    Session session = store.create(alice, null);

    assertFalse(store.terminate(session.id(), bob));
    assertFalse(store.terminate(session.id(), null));
    assertTrue(store.lookup(session.id(), alice).isPresent());
  }

  @Test
  void terminate_byOwner_endsTheSession() {
    InMemorySessionStore store = store();
    Session session = store.create(null, null);
    store.lookup(session.id(), alice);

    assertTrue(store.terminate(session.id(), alice));

    assertEquals(Optional.empty(), store.lookup(session.id(), alice));
    assertFalse(store.terminate(session.id(), alice));
    assertEquals(0, store.stats().active());
  }

  @Test
  void terminate_anonymousSession_onlyByAnAnonymousCaller() {
    InMemorySessionStore store = store();
    Session session = store.create(null, null);

    assertFalse(store.terminate(session.id(), alice));
    assertTrue(store.terminate(session.id(), null));
    assertFalse(store.terminate(null, null));
  }

  @Test
  void ids_areUniqueVisibleAsciiAndCarryAtLeast128Bits() {
    InMemorySessionStore store = store();
    Set<String> ids = new HashSet<>();

    for (int i = 0; i < 10_000; i++) {
      String id = store.create(null, null).id();
      assertEquals(InMemorySessionStore.ID_LENGTH, id.length());
      assertTrue(id.chars().allMatch(c -> c > 0x20 && c < 0x7f), id);
      assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
      assertTrue(Base64.getUrlDecoder().decode(id).length * 8 >= 128);
      ids.add(id);
    }

    assertEquals(10_000, ids.size());
    assertEquals(10_000, store.stats().active());
  }

  @Test
  void ids_comeFromTheInjectedRandomAndNeverCollide() {
    SecureRandom repeating =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;
          private int calls;

          @Override
          public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) (calls++ < 2 ? 7 : calls));
          }
        };
    InMemorySessionStore store =
        InMemorySessionStore.builder().clock(clock).secureRandom(repeating).build();

    Session first = store.create(null, null);
    Session second = store.create(null, null);

    byte[] sevens = new byte[InMemorySessionStore.ID_BYTES];
    Arrays.fill(sevens, (byte) 7);
    assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(sevens), first.id());
    assertNotEquals(first.id(), second.id());
  }

  @Test
  void stats_countAnonymousAndActiveSessionsOnly() {
    InMemorySessionStore store = store();
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
    InMemorySessionStore store = store();

    assertThrows(IllegalArgumentException.class, () -> store.create(null, "v".repeat(65)));
    assertThrows(IllegalArgumentException.class, () -> store.create(null, "2025\n06"));
    assertThrows(IllegalArgumentException.class, () -> store.create(null, ""));
    assertEquals(0, store.stats().created());
  }

  @Test
  void builder_validatesEagerlyNamingTheField() {
    var builder = InMemorySessionStore.builder();

    assertMessageNames(
        "idleTimeout", assertThrows(RuntimeException.class, () -> builder.idleTimeout(null)));
    assertMessageNames(
        "idleTimeout",
        assertThrows(RuntimeException.class, () -> builder.idleTimeout(Duration.ZERO)));
    assertMessageNames(
        "absoluteLifetime",
        assertThrows(RuntimeException.class, () -> builder.absoluteLifetime(Duration.ofDays(8))));
    assertMessageNames(
        "maxSessions", assertThrows(RuntimeException.class, () -> builder.maxSessions(0)));
    assertMessageNames("clock", assertThrows(RuntimeException.class, () -> builder.clock(null)));
    assertMessageNames(
        "secureRandom", assertThrows(RuntimeException.class, () -> builder.secureRandom(null)));
    assertMessageNames(
        "idleTimeout",
        assertThrows(
            RuntimeException.class,
            () ->
                InMemorySessionStore.builder()
                    .idleTimeout(Duration.ofHours(2))
                    .absoluteLifetime(Duration.ofHours(1))
                    .build()));
  }

  @Test
  void concurrentCreates_neverExceedTheBound() throws Exception {
    InMemorySessionStore store =
        InMemorySessionStore.builder().clock(clock).maxSessions(1_000).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
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

    SessionStats stats = store.stats();
    assertEquals(1_000, stats.active());
    assertEquals(16_000, stats.created());
    assertEquals(15_000, stats.evicted());
  }

  private static void assertMessageNames(String field, RuntimeException e) {
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void logLevel_isKeptForTheOwner_invisibleToOthers_andValidated() {
    InMemorySessionStore store = store();
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
