package com.quiltdata.mcp.auth.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {
  private final ExponentialBackoff backoff =
      new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void delayAfter_consecutiveFailures_doublesUpToMax() {
    assertEquals(Duration.ZERO, backoff.delayAfter(0));
    assertEquals(Duration.ofSeconds(1), backoff.delayAfter(1));
    assertEquals(Duration.ofSeconds(2), backoff.delayAfter(2));
    assertEquals(Duration.ofSeconds(32), backoff.delayAfter(6));
    assertEquals(Duration.ofSeconds(60), backoff.delayAfter(7));
    assertEquals(Duration.ofSeconds(60), backoff.delayAfter(Integer.MAX_VALUE));
  }

  @Test
  void constructor_badBounds_areRejectedByName() {
    assertEquals(
        "minBackoff must be positive",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)))
            .getMessage());
    assertEquals(
        "maxBackoff must not be shorter than minBackoff",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .getMessage());
  }
}
