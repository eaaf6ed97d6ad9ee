package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store: the {@link SessionStoreContract} every store keeps, plus what only this
 * store has (its builder, defaults and injected source of ids).
 */
class InMemorySessionStoreTest extends SessionStoreContract {
  private final MutableClock clock = new MutableClock();
  private final Principal alice = TestTokens.principal(clock, "alice");
  private final Principal bob = TestTokens.principal(clock, "bob");

  @Override
  protected SessionStore newStore(Clock clock, SessionLimits limits) {
    return InMemorySessionStore.builder().clock(clock).limits(limits).build();
  }

  private InMemorySessionStore store() {
    return InMemorySessionStore.builder().clock(clock).build();
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

  private static void assertMessageNames(String field, RuntimeException e) {
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }
}
