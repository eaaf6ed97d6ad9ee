package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.jwt.JwtVerifier;
import java.util.concurrent.atomic.AtomicReference;

/** A verifier source whose current verifier a test swaps, as a key rotation would. */
final class SwitchableVerifierSource implements VerifierSource {
  private final AtomicReference<JwtVerifier> current;

  SwitchableVerifierSource(JwtVerifier initial) {
    this.current = new AtomicReference<>(initial);
  }

  void use(JwtVerifier next) {
    current.set(next);
  }

  @Override
  public JwtVerifier current() {
    return current.get();
  }

  @Override
  public KeyInfo keyInfo() {
    var ring = current.get().config().keyRing();
    return new KeyInfo(
        "static",
        "test",
        ring.current().keyId(),
        ring.current().length(),
        ring.current().fingerprint(),
        ring.previous().size(),
        MutableClock.START);
  }
}
