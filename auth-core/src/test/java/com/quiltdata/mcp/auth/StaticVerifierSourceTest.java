package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StaticVerifierSourceTest {
  @RegisterExtension final SecretCanaries canaries = new SecretCanaries();

  @Test
  void of_verifier_returnsItAndDescribesKeyAndLivePreviousKeys() {
    RotationTestClock clock = new RotationTestClock(Instant.parse("2026-11-23T10:00:00Z"));
    SigningKey key = SigningKey.ofUtf8("k", SecretCanaries.strong());
    SigningKey old = SigningKey.ofUtf8("k", SecretCanaries.strong());
    KeyRing ring = KeyRing.of(key).withPrevious(old, clock.instant().plus(Duration.ofMinutes(5)));
    JwtVerifier verifier = JwtVerifier.create(VerifierConfig.builder(ring).clock(clock).build());

    StaticVerifierSource source = StaticVerifierSource.of(verifier);

    assertSame(verifier, source.current());
    VerifierSource.KeyInfo info = source.keyInfo();
    assertEquals("static", info.source());
    assertEquals("k", info.keyId());
    assertEquals(key.fingerprint(), info.fingerprint());
    assertEquals(key.length(), info.length());
    assertEquals(1, info.previousKeys());
    assertEquals(clock.instant(), info.loadedAt());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(0, source.keyInfo().previousKeys());
    SecretCanaries.assertNoCanary(source.toString());
  }
}
