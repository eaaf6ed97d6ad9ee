package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Real keys, a real minter and real verifiers for auth-core tests. */
final class TestTokens {
  static final SigningKey KEY_A =
      SigningKey.ofUtf8(null, "key-a-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF");
  static final SigningKey KEY_B =
      SigningKey.ofUtf8(null, "key-b-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF");

  private TestTokens() {}

  /** A verifier checking against {@code ring} on {@code clock}, no issuer/audience checks. */
  static JwtVerifier verifier(KeyRing ring, Clock clock) {
    return JwtVerifier.create(VerifierConfig.builder(ring).clock(clock).build());
  }

  /** An enhanced token with explicit claims only (independent of the short-form codecs). */
  static String mint(
      SigningKey key,
      Clock clock,
      String subject,
      List<String> buckets,
      List<String> permissions,
      Duration ttl) {
    return JwtMinter.create(key, clock)
        .enhanced(subject)
        .form(JwtMinter.ClaimForm.EXPLICIT)
        .buckets(buckets)
        .permissions(permissions)
        .ttl(ttl)
        .mint();
  }

  /** A principal from a really minted and verified token. */
  static Principal principal(
      Clock clock, String subject, List<String> buckets, List<String> permissions) {
    String token = mint(KEY_A, clock, subject, buckets, permissions, Duration.ofHours(1));
    return Principal.fromToken(
        verifier(KeyRing.of(KEY_A), clock).verify(token), BearerToken.of(token));
  }

  static Principal principal(Clock clock, String subject) {
    return principal(clock, subject, List.of(), List.of());
  }
}
