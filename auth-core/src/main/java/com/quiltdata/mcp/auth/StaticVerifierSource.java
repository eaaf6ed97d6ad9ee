package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.auth.internal.secrets.Rotation;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link VerifierSource} that always returns the same verifier: for the embedded demo, tests and
 * tools that were handed a key directly. Previous keys in its ring still expire at their deadlines
 * (checked against the verifier's clock); nothing is ever re-read.
 */
public final class StaticVerifierSource implements VerifierSource {
  private final JwtVerifier verifier;
  private final Instant loadedAt;

  private StaticVerifierSource(JwtVerifier verifier) {
    this.verifier = verifier;
    this.loadedAt = verifier.config().clock().instant();
  }

  /** A source that always answers {@code verifier}; {@link KeyInfo#source()} is {@code static}. */
  public static StaticVerifierSource of(JwtVerifier verifier) {
    return new StaticVerifierSource(Objects.requireNonNull(verifier, "verifier"));
  }

  @Override
  public JwtVerifier current() {
    return verifier;
  }

  @Override
  public KeyInfo keyInfo() {
    KeyRing ring = verifier.config().keyRing();
    SigningKey key = ring.current();
    return new KeyInfo(
        "static",
        "in-process",
        key.keyId(),
        key.length(),
        key.fingerprint(),
        Rotation.livePrevious(ring, verifier.config().clock().instant()),
        loadedAt);
  }

  @Override
  public String toString() {
    return "StaticVerifierSource[" + verifier.config().keyRing() + "]";
  }
}
