package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthenticationResult.Outcome;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The outcome table of one request's Authorization header values. */
class TokenAuthenticatorTest {
  private final MutableClock clock = new MutableClock();
  private final TokenAuthenticator authenticator =
      TokenAuthenticator.builder(
              new SwitchableVerifierSource(
                  TestTokens.verifier(KeyRing.of(TestTokens.KEY_A), clock)))
          .clock(clock)
          .build();
  private final String token =
      TestTokens.mint(
          TestTokens.KEY_A,
          clock,
          "alice",
          List.of("quilt-demo"),
          List.of("s3:GetObject"),
          Duration.ofMinutes(30));

  private AuthenticationResult authenticate(String... values) {
    return authenticator.authenticate(Arrays.asList(values));
  }

  @Test
  void noHeader_isMissingWithoutTokenReason() {
    AuthenticationResult result = authenticator.authenticate(List.of());

    assertEquals(Outcome.MISSING, result.outcome());
    assertEquals(Optional.empty(), result.tokenReason());
    assertEquals(Optional.empty(), result.principal());
  }

  @Test
  void nullHeaderList_isMissing() {
    assertEquals(Outcome.MISSING, authenticator.authenticate(null).outcome());
  }

  @Test
  void validToken_isAuthenticatedWithItsClaimsAndToken() {
    AuthenticationResult result = authenticate("Bearer " + token);

    assertEquals(Outcome.AUTHENTICATED, result.outcome());
    Principal principal = result.principal().orElseThrow();
    assertEquals("alice", principal.subject());
    assertEquals(List.of("quilt-demo"), principal.claims().buckets());
    assertEquals(List.of("s3:GetObject"), principal.claims().permissions());
    assertEquals(Principal.Origin.BEARER_TOKEN, principal.origin());
    assertEquals(BearerToken.of(token), principal.token().orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
  void schemeInAnyAsciiCase_isAccepted(String scheme) {
    assertEquals(Outcome.AUTHENTICATED, authenticate(scheme + " " + token).outcome());
  }

  @Test
  void twoHeaders_isMalformedRequest() {
    AuthenticationResult result = authenticate("Bearer " + token, "Bearer " + token);

    assertEquals(Outcome.MALFORMED_REQUEST, result.outcome());
    assertEquals(Optional.empty(), result.tokenReason());
  }

  @Test
  void basicScheme_isMalformedRequest() {
    assertEquals(Outcome.MALFORMED_REQUEST, authenticate("Basic YWxpY2U6c2VjcmV0").outcome());
  }

  @Test
  void otherSchemeCarryingAValidToken_isMalformedRequest() {
    assertEquals(Outcome.MALFORMED_REQUEST, authenticate("Token " + token).outcome());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Bearer",
        "Bearer ",
        " Bearer TOKEN",
        "Bearer  TOKEN",
        "Bearer TOKEN ",
        "Bearer TOKEN junk",
        "Bearer\tTOKEN",
        "Bearer TO\tKEN",
        "Bearer TOKEN\r\n",
        "Bearer TO\u0000KEN",
        "Bearer: TOKEN",
        "Bearerr TOKEN",
        "Bearer\u00a0TOKEN"
      })
  void malformedHeaderValue_isMalformedRequest(String template) {
    AuthenticationResult result = authenticate(template.replace("TOKEN", token));

    assertEquals(Outcome.MALFORMED_REQUEST, result.outcome(), template);
    assertEquals(Optional.empty(), result.principal());
    assertFalse(result.message().contains(token));
  }

  @Test
  void nullHeaderValue_isMalformedRequest() {
    assertEquals(Outcome.MALFORMED_REQUEST, authenticate((String) null).outcome());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"not-a-jwt", "a.b", "a.b.c.d", "e30.e30.", "Zm9v.YmFy.YmF6=", "abc\u00e9"})
  void tokenInWrongFormat_isInvalidToken(String credential) {
    AuthenticationResult result = authenticate("Bearer " + credential);

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertTrue(result.tokenReason().isPresent());
    assertEquals(0, authenticator.cachedVerifications());
  }

  @Test
  void tokenSignedWithAnotherKey_isInvalidTokenBadSignature() {
    String forged =
        TestTokens.mint(
            TestTokens.KEY_B, clock, "alice", List.of(), List.of(), Duration.ofMinutes(5));

    AuthenticationResult result = authenticate("Bearer " + forged);

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertEquals(Optional.of(Reason.BAD_SIGNATURE), result.tokenReason());
    assertFalse(result.message().contains(forged));
  }

  @Test
  void expiredToken_isExpiredToken() {
    clock.advance(Duration.ofMinutes(32));

    AuthenticationResult result = authenticate("Bearer " + token);

    assertEquals(Outcome.EXPIRED_TOKEN, result.outcome());
    assertEquals(Optional.of(Reason.EXPIRED), result.tokenReason());
  }

  @Test
  void credentialLongerThanVerifierLimit_isInvalidTokenTooLarge() {
    String huge = "a".repeat(VerifierConfig.DEFAULT_MAX_TOKEN_LENGTH + 1);

    AuthenticationResult result = authenticate("Bearer " + huge);

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertEquals(Optional.of(Reason.TOO_LARGE), result.tokenReason());
  }

  @Test
  void hugeHeaderValueOfAnyShape_isInvalidTokenTooLargeUnread() {
    String huge = "Basic " + "x y ".repeat(300_000);

    AuthenticationResult result = authenticate(huge);

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertEquals(Optional.of(Reason.TOO_LARGE), result.tokenReason());
  }

  @Test
  void credentialExactlyAtVerifierLimit_isJudgedByTheVerifierNotTheLengthGate() {
    String atLimit = "a".repeat(VerifierConfig.DEFAULT_MAX_TOKEN_LENGTH);

    AuthenticationResult result = authenticate("Bearer " + atLimit);

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertEquals(Optional.of(Reason.MALFORMED), result.tokenReason());
  }

  @Test
  void nativeToken_isAuthenticatedByItsId() {
    String nativeToken =
        com.quiltdata.mcp.jwt.JwtMinter.create(TestTokens.KEY_A, clock)
            .nativeToken("user-42", Duration.ofMinutes(10));

    Principal principal = authenticate("Bearer " + nativeToken).principal().orElseThrow();

    assertEquals("user-42", principal.subject());
    assertEquals(com.quiltdata.mcp.jwt.TokenKind.NATIVE, principal.kind());
  }

  @Test
  void unexpectedVerifierFailure_isInvalidTokenNotAServerError() {
    java.time.Clock broken =
        new java.time.Clock() {
          @Override
          public java.time.Instant instant() {
            throw new IllegalStateException("clock broke while reading " + token);
          }

          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    TokenAuthenticator failing =
        TokenAuthenticator.builder(
                new SwitchableVerifierSource(
                    TestTokens.verifier(KeyRing.of(TestTokens.KEY_A), broken)))
            .clock(clock)
            .build();

    AuthenticationResult result = failing.authenticate(List.of("Bearer " + token));

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertEquals(Optional.of(Reason.MALFORMED), result.tokenReason());
    assertFalse(result.message().contains(token));
    assertEquals(0, failing.cachedVerifications());
  }

  @Test
  void builder_rejectsBadSettingsNamingTheField() {
    VerifierSource source =
        new SwitchableVerifierSource(TestTokens.verifier(KeyRing.of(TestTokens.KEY_A), clock));

    IllegalArgumentException tooBig =
        assertThrows(
            IllegalArgumentException.class,
            () -> TokenAuthenticator.builder(source).maximumCacheSize(-1));
    assertTrue(tooBig.getMessage().contains("maximumCacheSize"));
    NullPointerException noClock =
        assertThrows(
            NullPointerException.class, () -> TokenAuthenticator.builder(source).clock(null));
    assertTrue(noClock.getMessage().contains("clock"));
    NullPointerException noSource =
        assertThrows(NullPointerException.class, () -> TokenAuthenticator.builder(null));
    assertTrue(noSource.getMessage().contains("verifiers"));
  }

  @Test
  void toString_revealsNoToken() {
    authenticate("Bearer " + token);

    assertFalse(authenticator.toString().contains(token));
    assertFalse(
        authenticate("Bearer " + token).principal().orElseThrow().toString().contains(token));
  }
}
