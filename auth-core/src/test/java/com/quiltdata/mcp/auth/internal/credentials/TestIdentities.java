package com.quiltdata.mcp.auth.internal.credentials;

import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.TokenKind;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real tokens, minted and verified with jwt-codec, turned into principals. Every token minted is
 * remembered so tests can check that none of it leaks.
 */
public final class TestIdentities {
  /** The signing secret (a canary too: it must never appear anywhere either). */
  public static final String SECRET = "CANARY-SIGNING-SECRET-0123456789-abcdefghijklmnop";

  private final Clock clock;
  private final JwtMinter minter;
  private final JwtVerifier verifier;
  private final List<String> minted = new CopyOnWriteArrayList<>();

  public TestIdentities(Clock clock) {
    this.clock = clock;
    SigningKey key = SigningKey.ofUtf8("frontend-enhanced", SECRET);
    this.minter = JwtMinter.create(key, clock);
    this.verifier =
        JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
  }

  /** A fresh token for {@code subject} (new jti, so a different token every call). */
  public String mint(String subject, Duration ttl) {
    String token =
        minter
            .enhanced(subject)
            .form(JwtMinter.ClaimForm.EXPLICIT)
            .buckets(List.of("quilt-demo"))
            .permissions(List.of("s3:GetObject"))
            .claim("canary", "CANARYTOKEN")
            .ttl(ttl)
            .mint();
    minted.add(token);
    return token;
  }

  /**
   * A fresh token for {@code subject} at least {@code minChars} long, made large the way a real one
   * grows: by the explicit list of buckets it grants. Still within the verifier's limits.
   */
  public String mintLarge(String subject, Duration ttl, int minChars) {
    List<String> buckets = new ArrayList<>();
    String token = "";
    while (token.length() < minChars) {
      for (int i = 0; i < 16; i++) {
        buckets.add(String.format("research-bucket-%04d", buckets.size()));
      }
      token =
          minter
              .enhanced(subject)
              .form(JwtMinter.ClaimForm.EXPLICIT)
              .buckets(buckets)
              .permissions(List.of("s3:GetObject"))
              .ttl(ttl)
              .mint();
    }
    minted.add(token);
    return token;
  }

  /** A web principal for a verified token. */
  public Principal principal(String token) {
    QuiltClaims claims = verifier.verify(token);
    return Principal.fromToken(claims, BearerToken.of(token));
  }

  /** A web principal with a new token for {@code subject}, valid for {@code ttl}. */
  public Principal principal(String subject, Duration ttl) {
    return principal(mint(subject, ttl));
  }

  /** A desktop principal (no token). */
  public Principal desktop(String subject) {
    return Principal.desktop(
        QuiltClaims.builder(subject, clock.instant().plus(Duration.ofHours(8)))
            .kind(TokenKind.ENHANCED)
            .build());
  }

  /** Every token minted so far. */
  public List<String> minted() {
    return List.copyOf(minted);
  }
}
