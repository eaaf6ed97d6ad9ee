package com.quiltdata.mcp.tools;

import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.TokenKind;
import java.time.Instant;
import java.util.List;

/** Principals for tests. */
public final class TestPrincipals {
  /** The raw token text of {@link #alice()}; must never appear in any output. */
  public static final String ALICE_TOKEN =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2VjcmV0LXNpZ25hdHVyZQ";

  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private TestPrincipals() {}

  /** An enhanced-token principal expiring one hour after {@link #NOW}. */
  public static Principal alice() {
    QuiltClaims claims =
        QuiltClaims.builder("alice", NOW.plusSeconds(3600))
            .issuer("quilt-frontend")
            .audiences(List.of("quilt-mcp-server"))
            .issuedAt(NOW.minusSeconds(60))
            .buckets(List.of("quilt-demos", "fl-158-raw"))
            .permissions(List.of("s3:GetObject", "s3:ListBucket"))
            .roles(List.of("ReadQuiltBucket"))
            .kind(TokenKind.ENHANCED)
            .build();
    return Principal.fromToken(claims, BearerToken.of(ALICE_TOKEN));
  }

  /** Another user. */
  public static Principal bob() {
    QuiltClaims claims = QuiltClaims.builder("bob", NOW.plusSeconds(600)).build();
    return Principal.fromToken(claims, BearerToken.of("bob.token.value"));
  }

  /** A desktop principal without a token. */
  public static Principal desktop() {
    return Principal.desktop(
        QuiltClaims.builder("desktop-user", Instant.parse("2100-01-01T00:00:00Z"))
            .buckets(List.of("my-bucket"))
            .permissions(List.of("s3:GetObject"))
            .build());
  }
}
