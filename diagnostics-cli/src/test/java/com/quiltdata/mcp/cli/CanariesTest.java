package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.slf4j.LoggerFactory;

/** The leak guard must itself catch leaks, or every "never shown" check means nothing. */
class CanariesTest {
  @Test
  void capturedOutputWithTokenSignature_fails() {
    Canaries guard = new Canaries();
    String signature = Canaries.TOKEN.substring(Canaries.TOKEN.lastIndexOf('.') + 1);
    assertThrows(AssertionFailedError.class, () -> guard.captured("sig=" + signature));
  }

  @Test
  void capturedOutputWithCanarySecret_fails() {
    Canaries guard = new Canaries();
    assertThrows(AssertionFailedError.class, () -> guard.captured("x " + Canaries.SECRET));
  }

  @Test
  void loggedCanary_failsAfterTheTest() {
    Canaries guard = new Canaries();
    guard.beforeEach(null);
    LoggerFactory.getLogger(CanariesTest.class)
        .warn("deliberate leak for the guard test: {}", Canaries.SECRET.substring(2));
    assertThrows(AssertionFailedError.class, () -> guard.afterEach(null));
  }

  @Test
  void cleanOutput_passes() {
    Canaries guard = new Canaries();
    guard.beforeEach(null);
    guard.captured("kfp1:0123456789abcdef sha256:0123456789ab");
    guard.afterEach(null);
  }
}
