package com.quiltdata.mcp.interop;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A signing secret chosen by the test run and tokens signed with it. The secret is random per run
 * and only ever handed to child processes through their environment.
 */
final class TestTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String secret;
  private final JwtMinter minter;

  private TestTokens(String secret) {
    this.secret = secret;
    this.minter = JwtMinter.create(SigningKey.ofUtf8(null, secret), Clock.systemUTC());
  }

  /** A fresh random 48-character secret. */
  static TestTokens random() {
    byte[] bytes = new byte[36];
    RANDOM.nextBytes(bytes);
    return new TestTokens(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The HS256 secret (for {@code MCP_JWT_SECRET}). */
  String secret() {
    return secret;
  }

  /** An enhanced Quilt token for {@code subject}, valid for ten minutes. */
  String mint(String subject) {
    return mint(subject, List.of("s3:GetObject", "s3:ListBucket"));
  }

  /** An enhanced Quilt token for {@code subject} granting {@code actions}, valid ten minutes. */
  String mint(String subject, List<String> actions) {
    return minter
        .enhanced(subject)
        .buckets(List.of("interop-bucket"))
        .permissions(actions)
        .ttl(Duration.ofMinutes(10))
        .mint();
  }

  /** A verifier of the tokens this secret signs (for a registry stand-in). */
  com.quiltdata.mcp.jwt.JwtVerifier verifier() {
    return com.quiltdata.mcp.jwt.JwtVerifier.create(
        com.quiltdata.mcp.jwt.VerifierConfig.builder(
                com.quiltdata.mcp.jwt.KeyRing.of(SigningKey.ofUtf8(null, secret)))
            .build());
  }

  @Override
  public String toString() {
    return "TestTokens[secret="
        + SigningKey.fingerprintOf(secret.getBytes(StandardCharsets.UTF_8))
        + "]";
  }
}
