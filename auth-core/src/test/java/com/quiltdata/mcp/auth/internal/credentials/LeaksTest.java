package com.quiltdata.mcp.auth.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The leak detector itself must be able to fail. */
class LeaksTest {
  private final TestIdentities ids =
      new TestIdentities(new SteppingClock(Instant.parse("2026-11-23T10:00:00Z")));

  @Test
  void assertNone_tokenFragment_fails() {
    String token = ids.mint("alice", Duration.ofHours(1));
    String signature = token.substring(token.lastIndexOf('.') + 1);
    assertThrows(
        AssertionFailedError.class,
        () -> Leaks.assertNone(List.of("oops " + signature.substring(3, 30)), List.of(token)));
  }

  @Test
  void assertNone_secretCanary_fails() {
    assertThrows(
        AssertionFailedError.class,
        () -> Leaks.assertNone(List.of("k=CANARY-SECRET-KEY-1"), List.of()));
  }

  @Test
  void assertNone_fingerprintOnly_passes() {
    String token = ids.mint("alice", Duration.ofHours(1));
    Leaks.assertNone(
        List.of("token sha256:" + com.quiltdata.mcp.auth.BearerToken.of(token).fingerprint()),
        List.of(token));
  }
}
