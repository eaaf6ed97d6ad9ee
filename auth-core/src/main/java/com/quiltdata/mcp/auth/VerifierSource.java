package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.jwt.JwtVerifier;
import java.time.Instant;

/**
 * The verifier to use right now. Sources that rotate keys swap in a new verifier atomically; a
 * request always uses one consistent key ring.
 */
public interface VerifierSource {
  /** The verifier for the current key ring. */
  JwtVerifier current();

  /** A safe description of the current key (never any part of the secret). */
  KeyInfo keyInfo();

  /**
   * Safe facts about the signing key.
   *
   * @param source where the secret came from: "env", "file", "ssm" or "static"
   * @param location the variable name, file path or SSM parameter name (never the value)
   * @param keyId the configured key id, or null
   * @param length secret length in bytes
   * @param fingerprint the key fingerprint ({@code kfp1:...})
   * @param previousKeys how many previous keys are still accepted
   * @param loadedAt when the current ring was loaded
   */
  record KeyInfo(
      String source,
      String location,
      String keyId,
      int length,
      String fingerprint,
      int previousKeys,
      Instant loadedAt) {}
}
