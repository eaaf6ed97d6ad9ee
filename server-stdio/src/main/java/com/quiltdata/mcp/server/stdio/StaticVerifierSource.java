package com.quiltdata.mcp.server.stdio;

import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Clock;
import java.util.Set;

/**
 * A verifier source over one fixed key. Interim: replaced by auth-core SecretSettings /
 * RotatingVerifierSource once merged.
 */
final class StaticVerifierSource implements VerifierSource {
  private final JwtVerifier verifier;
  private final KeyInfo keyInfo;

  StaticVerifierSource(
      SigningKey key, Set<String> issuers, Set<String> audiences, Clock clock, String location) {
    this.verifier =
        JwtVerifier.create(
            VerifierConfig.builder(KeyRing.of(key))
                .clock(clock)
                .issuers(issuers)
                .audiences(audiences)
                .build());
    this.keyInfo =
        new KeyInfo(
            "env", location, key.keyId(), key.length(), key.fingerprint(), 0, clock.instant());
  }

  @Override
  public JwtVerifier current() {
    return verifier;
  }

  @Override
  public KeyInfo keyInfo() {
    return keyInfo;
  }
}
