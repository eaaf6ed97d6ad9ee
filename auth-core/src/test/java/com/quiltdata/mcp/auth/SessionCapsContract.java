package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.SessionStore.SessionStats;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bounds every {@link SessionStore} keeps, and what the rest of the contract builds on: at most
 * {@code maxSessions}, anonymous sessions evicted first and a full store of users' sessions
 * refusing a new one (never evicting a user's session for another's), and each subject's share
 * capped by ending its own session idle the longest. {@link SessionStoreContract} adds every other
 * rule; a store's test extends that class.
 */
public abstract class SessionCapsContract {
  /** Characters of a session id (24 random bytes, base64url without padding). */
  protected static final int ID_LENGTH = 32;

  protected final MutableClock clock = new MutableClock();
  protected final Principal alice = TestTokens.principal(clock, "alice");
  protected final Principal bob = TestTokens.principal(clock, "bob");

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

  protected final SessionStore contractStore() {
    return newStore(clock, Duration.ofHours(1), Duration.ofHours(24), 10_000);
  }

  protected final SessionStore contractStore(Duration idle, Duration absolute) {
    return newStore(clock, idle, absolute, 10_000);
  }

  protected final SessionStore contractStore(int maxSessions) {
    return newStore(clock, Duration.ofHours(1), Duration.ofHours(24), maxSessions);
  }

  @Test
  void fullStore_ofBoundSessions_refusesANewSession_andEvictsNoUser() {
    SessionStore store = contractStore(3);
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
    SessionStore store = contractStore(3);
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
    SessionStore store = contractStore(100);
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
  void concurrentCreates_neverExceedTheBound() throws Exception {
    SessionStore store = contractStore(200);
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
}
