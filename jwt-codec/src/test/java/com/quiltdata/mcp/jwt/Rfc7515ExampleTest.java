package com.quiltdata.mcp.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** RFC 7515 Appendix A.1: the HS256 example, byte for byte. */
class Rfc7515ExampleTest {
  private static final String TOKEN =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
          + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
          + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String JWK_K =
      "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

  /** {@code exp} of the example is 1300819380 (2011-03-22T18:43:00Z). */
  private static final Instant BEFORE_EXPIRY = Instant.ofEpochSecond(1_300_819_000L);

  private static JwtVerifier verifier(Clock clock) {
    SigningKey key = SigningKey.of(null, Base64.getUrlDecoder().decode(JWK_K));
    return JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
  }

  @Test
  void example_fixedClock_signatureVerifiesAndPayloadIsTheRfcText() {
    byte[] payload = verifier(Clock.fixed(BEFORE_EXPIRY, ZoneOffset.UTC)).verifySignature(TOKEN);
    assertEquals(
        "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}",
        new String(payload, StandardCharsets.UTF_8));
  }

  @Test
  void example_fixedClock_passesTimeChecksAndStopsOnlyAtQuiltSubjectRule() {
    // The example has no sub/id/uuid, which every Quilt token must carry: the one remaining
    // refusal.
    JwtVerificationException e =
        assertThrows(
            JwtVerificationException.class,
            () -> verifier(Clock.fixed(BEFORE_EXPIRY, ZoneOffset.UTC)).verify(TOKEN));
    assertEquals(Reason.INVALID_CLAIMS, e.reason());
    assertEquals(
        "the token names no user: one of 'sub', 'id' or 'uuid' is required", e.getMessage());
  }

  @Test
  void example_realClock_rejectedAsExpired() {
    JwtVerificationException e =
        assertThrows(
            JwtVerificationException.class, () -> verifier(Clock.systemUTC()).verify(TOKEN));
    assertEquals(Reason.EXPIRED, e.reason());
  }

  @Test
  void example_otherKey_rejectedAsBadSignature() {
    JwtVerificationException e =
        assertThrows(
            JwtVerificationException.class, () -> TestTokens.verifier().verifySignature(TOKEN));
    assertEquals(Reason.BAD_SIGNATURE, e.reason());
  }
}
