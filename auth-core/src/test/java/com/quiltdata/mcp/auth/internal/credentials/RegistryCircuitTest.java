package com.quiltdata.mcp.auth.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistryCircuitTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final RegistryCircuit circuit =
      new RegistryCircuit(2, new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4)));

  @Test
  void tryAcquire_belowThreshold_staysClosed() {
    circuit.onUnavailable(T0, true);
    assertTrue(circuit.tryAcquire(T0));
    assertNull(circuit.openUntil());
  }

  @Test
  void tryAcquire_afterThreshold_opensThenAdmitsOneProbe() {
    circuit.onUnavailable(T0, true);
    circuit.onUnavailable(T0, true);
    assertFalse(circuit.tryAcquire(T0.plusMillis(999)));
    assertTrue(circuit.tryAcquire(T0.plusSeconds(1)), "the probe");
    assertFalse(circuit.tryAcquire(T0.plusSeconds(1)), "only one probe at a time");
  }

  @Test
  void onUnavailable_failedProbes_doubleTheDelayUpToMax() {
    circuit.onUnavailable(T0, true);
    circuit.onUnavailable(T0, true);
    Instant t = T0.plusSeconds(1);
    assertTrue(circuit.tryAcquire(t));
    circuit.onUnavailable(t, true);
    assertEquals(t.plusSeconds(2), circuit.openUntil());
    t = t.plusSeconds(2);
    assertTrue(circuit.tryAcquire(t));
    circuit.onUnavailable(t, true);
    assertEquals(t.plusSeconds(4), circuit.openUntil());
    t = t.plusSeconds(4);
    assertTrue(circuit.tryAcquire(t));
    circuit.onUnavailable(t, true);
    assertEquals(t.plusSeconds(4), circuit.openUntil(), "bounded");
  }

  @Test
  void onAnswer_probeSucceeds_closes() {
    circuit.onUnavailable(T0, true);
    circuit.onUnavailable(T0, true);
    assertTrue(circuit.tryAcquire(T0.plusSeconds(1)));
    circuit.onAnswer();
    assertNull(circuit.openUntil());
    assertTrue(circuit.tryAcquire(T0.plusSeconds(1)));
    assertTrue(circuit.tryAcquire(T0.plusSeconds(1)));
  }

  @Test
  void onAbandoned_probeNeverSent_letsAnotherProbeThrough() {
    circuit.onUnavailable(T0, true);
    circuit.onUnavailable(T0, true);
    assertTrue(circuit.tryAcquire(T0.plusSeconds(1)));
    circuit.onAbandoned();
    assertTrue(circuit.tryAcquire(T0.plusSeconds(1)));
  }

  @Test
  void onUnavailable_ofAnUnprovenProbe_decidesNothing_theNextCallerProbes() {
    circuit.onUnavailable(T0, true);
    circuit.onUnavailable(T0, true);
    Instant t = T0.plusSeconds(1);
    assertTrue(circuit.tryAcquire(t), "a probe by a token never accepted");
    circuit.onUnavailable(t, false);
    assertEquals(t, circuit.openUntil(), "not re-opened for longer");
    assertTrue(circuit.tryAcquire(t), "the next caller may probe at once");
    circuit.onUnavailable(t, true);
    assertEquals(t.plusSeconds(2), circuit.openUntil(), "a proven token's failure decides");
  }
}
