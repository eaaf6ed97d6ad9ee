package com.quiltdata.mcp.auth.internal.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.KeyRing.RetiredKey;
import com.quiltdata.mcp.jwt.SigningKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private static SigningKey key() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return SigningKey.of("k", b);
  }

  private static RetiredKey until(SigningKey key, long minutesFromNow) {
    return new RetiredKey(key, NOW.plus(Duration.ofMinutes(minutesFromNow)));
  }

  @Test
  void ring_dropsExpiredAndCurrentDuplicates() {
    SigningKey current = key();
    SigningKey live = key();
    KeyRing ring =
        Rotation.ring(
            current,
            List.of(until(key(), 0), until(key(), -5), until(current, 30), until(live, 1)),
            NOW);
    assertSame(current, ring.current());
    assertEquals(1, ring.previous().size());
    assertSame(live, ring.previous().get(0).key());
  }

  @Test
  void ring_duplicatePrevious_keepsLaterDeadline() {
    SigningKey old = key();
    KeyRing ring =
        Rotation.ring(key(), List.of(until(old, 5), until(old, 60), until(old, 10)), NOW);
    assertEquals(1, ring.previous().size());
    assertEquals(NOW.plus(Duration.ofMinutes(60)), ring.previous().get(0).acceptedUntil());
  }

  @Test
  void ring_morePreviousThanLimit_keepsLatestDeadlines() {
    List<RetiredKey> previous = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      previous.add(until(key(), i * 10L));
    }
    KeyRing ring = Rotation.ring(key(), previous, NOW);
    assertEquals(Rotation.MAX_PREVIOUS, ring.previous().size());
    for (RetiredKey r : ring.previous()) {
      assertTrue(r.acceptedUntil().isAfter(NOW.plus(Duration.ofMinutes(20))));
    }
  }

  @Test
  void livePreviousAndHasExpired_followTheClock() {
    KeyRing ring = Rotation.ring(key(), List.of(until(key(), 5), until(key(), 10)), NOW);
    assertEquals(2, Rotation.livePrevious(ring, NOW));
    assertFalse(Rotation.hasExpired(ring, NOW));
    Instant later = NOW.plus(Duration.ofMinutes(5));
    assertEquals(1, Rotation.livePrevious(ring, later));
    assertTrue(Rotation.hasExpired(ring, later));
  }
}
