package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.slf4j.LoggerFactory;

/** The leak detector itself must catch a leak, or every "no canary" assertion means nothing. */
class SecretCanariesTest {
  @Test
  void afterEach_canaryLogged_fails() {
    SecretCanaries detector = new SecretCanaries();
    detector.beforeEach(null);
    String canary = SecretCanaries.strong();
    LoggerFactory.getLogger(SecretCanariesTest.class)
        .debug("deliberate leak for the detector test: {}", canary.substring(3));
    assertThrows(AssertionFailedError.class, () -> detector.afterEach(null));
  }

  @Test
  void assertNoCanary_exceptionCauseCarriesCanary_fails() {
    String canary = SecretCanaries.strongBase64();
    RuntimeException e = new RuntimeException("outer", new IllegalStateException(canary));
    assertThrows(AssertionFailedError.class, () -> SecretCanaries.assertNoCanary(e));
  }
}
