package com.quiltdata.mcp.jwt;

import static com.quiltdata.mcp.jwt.TestTokens.NOW;
import static com.quiltdata.mcp.jwt.TestTokens.b64;
import static com.quiltdata.mcp.jwt.TestTokens.header;
import static com.quiltdata.mcp.jwt.TestTokens.payload;
import static com.quiltdata.mcp.jwt.TestTokens.payloadWith;
import static com.quiltdata.mcp.jwt.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test (or parameterised family) per hostile-input category of security.md. */
class JwtVerifierHostileInputTest {
  private final JwtVerifier verifier = TestTokens.verifier();

  private Reason rejection(JwtVerifier v, String token) {
    JwtVerificationException e =
        assertThrows(JwtVerificationException.class, () -> v.verify(token));
    assertFalse(e.getMessage().contains(TestTokens.SECRET), "secret leaked into message");
    if (token != null && token.length() > 8) {
      assertFalse(e.getMessage().contains(token), "token leaked into message");
      String[] parts = token.split("\\.");
      for (String part : parts) {
        if (part.length() > 8) {
          assertFalse(e.getMessage().contains(part), "token segment leaked into message");
        }
      }
    }
    return e.reason();
  }

  private Reason rejection(String token) {
    return rejection(verifier, token);
  }

  @Test
  void validToken_isAccepted() {
    assertEquals("alice", verifier.verify(sign(header(), payload())).subject());
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void algNone_anyCasing_isUnsupported(String alg) {
    String token = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(payload()) + ".";
    String signed = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(payload()) + "." + "A".repeat(43);
    assertEquals(Reason.MALFORMED, rejection(token));
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, rejection(signed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS384", "HS512", "RS256", "ES256", "PS256", "EdDSA", "hs256", ""})
  void otherAlgorithms_areUnsupported(String alg) {
    String token =
        sign("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"frontend-enhanced\"}", payload());
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, rejection(token));
  }

  @Test
  void hs512WithLongSignature_isUnsupportedNotParsed() {
    String input = b64("{\"alg\":\"HS512\"}") + "." + b64(payload());
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, rejection(input + "." + "A".repeat(86)));
  }

  @Test
  void jwe_fiveSegments_isUnsupported() {
    assertEquals(
        Reason.UNSUPPORTED_ALGORITHM,
        rejection(b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + ".." + "aaaa.bbbb.cccc"));
  }

  @Test
  void byteOrderMark_beforePayloadOrHeader_isMalformed_notSkipped() {
    assertEquals(Reason.MALFORMED, rejection(sign(header(), "\uFEFF" + payload())));
    assertEquals(Reason.MALFORMED, rejection(sign("\uFEFF" + header(), payload())));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c0af", // '/' as an overlong two-byte form
        "e080af", // '/' as an overlong three-byte form
        "f08080af", // '/' as an overlong four-byte form
        "c1a1", // 'a' as an overlong two-byte form
        "eda080", // a UTF-16 surrogate encoded as UTF-8 (CESU-8)
        "ff", // never valid in UTF-8
        "e282" // truncated three-byte sequence
      })
  void illFormedUtf8_inAClaimString_isMalformed(String hex) {
    byte[] head = "{\"sub\":\"ali".getBytes(StandardCharsets.UTF_8);
    byte[] bad = HexFormat.of().parseHex(hex);
    byte[] tail =
        payloadWith("").substring("{\"sub\":\"alice".length()).getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, payload, 0, head.length);
    System.arraycopy(bad, 0, payload, head.length, bad.length);
    System.arraycopy(tail, 0, payload, head.length + bad.length, tail.length);
    assertEquals(Reason.MALFORMED, rejection(TestTokens.signBytes(header(), payload)));
  }

  @Test
  void wellFormedMultiByteUtf8_isAccepted() {
    assertEquals(
        "al\u00efce\uD83D\uDE00",
        verifier
            .verify(sign(header(), payload().replace("alice", "al\u00efce\uD83D\uDE00")))
            .subject());
  }

  @Test
  void jsonSerialization_isMalformed() {
    assertEquals(
        Reason.MALFORMED, rejection("{\"payload\":\"" + b64(payload()) + "\",\"signatures\":[]}"));
  }

  @Test
  void signatureWithPaddingOrStrayCharacter_isMalformed() {
    String token = sign(header(), payload());
    assertEquals(Reason.MALFORMED, rejection(token + "="));
    assertEquals(Reason.MALFORMED, rejection(token + "A"));
    assertEquals(Reason.MALFORMED, rejection(token.substring(0, token.length() - 1)));
    assertEquals(Reason.MALFORMED, rejection(token + " "));
    assertEquals(Reason.MALFORMED, rejection(" " + token));
  }

  @Test
  void signatureWithNonCanonicalLastCharacter_isMalformed() {
    String token = sign(header(), payload());
    char last = token.charAt(token.length() - 1);
    // The 43rd character carries 4 significant bits; setting an unused low bit changes the text
    // but not the decoded bytes, which lenient decoders would accept as the same signature.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char twin = alphabet.charAt(alphabet.indexOf(last) | 1);
    assertEquals(Reason.MALFORMED, rejection(token.substring(0, token.length() - 1) + twin));
  }

  @Test
  void segmentCounts_otherThanThree_areMalformed() {
    String token = sign(header(), payload());
    assertEquals(Reason.MALFORMED, rejection(token + ".AAAA"));
    assertEquals(Reason.MALFORMED, rejection(token.substring(0, token.lastIndexOf('.'))));
    assertEquals(Reason.MALFORMED, rejection(""));
    assertEquals(Reason.MALFORMED, rejection(null));
    assertEquals(Reason.MALFORMED, rejection("." + token.substring(token.indexOf('.'))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"zip\":\"DEF\"",
        "\"crit\":[]",
        "\"crit\":[\"exp\"]",
        "\"jku\":\"https://attacker.example/keys\"",
        "\"x5u\":\"https://attacker.example/cert\"",
        "\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}",
        "\"x5c\":[\"AAAA\"]",
        "\"cty\":\"JWT\"",
        "\"b64\":false"
      })
  void forbiddenHeaderParameters_areMalformed(String member) {
    String token =
        sign(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"frontend-enhanced\"," + member + "}",
            payload());
    assertEquals(Reason.MALFORMED, rejection(token));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"JWE\"", "\"at+jwt\"", "\"jwt\"", "1", "null"})
  void typOtherThanJwt_isMalformed(String typ) {
    String token = sign("{\"alg\":\"HS256\",\"typ\":" + typ + "}", payload());
    assertEquals(Reason.MALFORMED, rejection(token));
  }

  @ParameterizedTest
  @ValueSource(strings = {"other-key", "frontend-enhanced/../x", "FRONTEND-ENHANCED", "frontend"})
  void kidNotExactlyKnown_isUnknownKey(String kid) {
    String token = sign("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", payload());
    assertEquals(Reason.UNKNOWN_KEY, rejection(token));
  }

  @Test
  void kidNotAString_isMalformed() {
    assertEquals(Reason.MALFORMED, rejection(sign("{\"alg\":\"HS256\",\"kid\":7}", payload())));
  }

  @Test
  void wrongSecret_isBadSignature() {
    String token = sign(header(), payload(), "another-secret-that-is-long-enough-0123456789");
    assertEquals(Reason.BAD_SIGNATURE, rejection(token));
  }

  @Test
  void tamperedPayload_isBadSignature() {
    String token = sign(header(), payload());
    String[] parts = token.split("\\.");
    String forged =
        parts[0] + "." + b64(payloadWith(",\"buckets\":[\"secret-bucket\"]")) + "." + parts[2];
    assertEquals(Reason.BAD_SIGNATURE, rejection(forged));
  }

  @Test
  void duplicateKeys_inPayloadOrHeader_areMalformed() {
    long now = NOW.getEpochSecond();
    String dupPayload =
        "{\"sub\":\"alice\",\"sub\":\"admin\",\"iat\":" + now + ",\"exp\":" + (now + 60) + "}";
    assertEquals(Reason.MALFORMED, rejection(sign(header(), dupPayload)));
    assertEquals(
        Reason.MALFORMED, rejection(sign("{\"alg\":\"HS256\",\"alg\":\"HS256\"}", payload())));
  }

  @Test
  void payloadNotAnObject_isMalformed() {
    assertEquals(Reason.MALFORMED, rejection(sign(header(), "[1,2]")));
    assertEquals(Reason.MALFORMED, rejection(sign(header(), "{\"sub\":\"a\"} trailing")));
    assertEquals(
        Reason.MALFORMED,
        rejection(sign(header(), "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}")));
  }

  @Test
  void expMissingOrNotNumeric_isInvalidClaims() {
    assertEquals(Reason.INVALID_CLAIMS, rejection(sign(header(), "{\"sub\":\"alice\"}")));
    assertEquals(
        Reason.INVALID_CLAIMS,
        rejection(sign(header(), "{\"sub\":\"alice\",\"exp\":\"1893456000\"}")));
    assertEquals(
        Reason.INVALID_CLAIMS, rejection(sign(header(), "{\"sub\":\"alice\",\"exp\":null}")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9223372036854775807",
        "18446744073709551616",
        "1e30",
        "-1",
        "253402300800",
        "1e400"
      })
  void numericDatesOutOfRange_areInvalidNotOverflowed(String exp) {
    assertEquals(
        Reason.INVALID_CLAIMS,
        rejection(sign(header(), "{\"sub\":\"alice\",\"exp\":" + exp + "}")));
    long now = NOW.getEpochSecond();
    assertEquals(
        Reason.INVALID_CLAIMS,
        rejection(
            sign(header(), "{\"sub\":\"alice\",\"exp\":" + (now + 60) + ",\"nbf\":" + exp + "}")));
  }

  @Test
  void expired_beyondSkew_isExpired_withinSkew_isAccepted() {
    long now = NOW.getEpochSecond();
    assertEquals(
        Reason.EXPIRED,
        rejection(
            sign(
                header(),
                "{\"sub\":\"a\",\"iat\":" + (now - 600) + ",\"exp\":" + (now - 60) + "}")));
    assertEquals(
        "a",
        verifier
            .verify(
                sign(
                    header(),
                    "{\"sub\":\"a\",\"iat\":" + (now - 600) + ",\"exp\":" + (now - 59) + "}"))
            .subject());
  }

  @Test
  void notBeforeOrIssuedAtInFuture_isNotYetValid() {
    long now = NOW.getEpochSecond();
    assertEquals(
        Reason.NOT_YET_VALID,
        rejection(
            sign(
                header(),
                "{\"sub\":\"a\",\"nbf\":" + (now + 61) + ",\"exp\":" + (now + 600) + "}")));
    assertEquals(
        Reason.NOT_YET_VALID,
        rejection(
            sign(
                header(),
                "{\"sub\":\"a\",\"iat\":" + (now + 61) + ",\"exp\":" + (now + 600) + "}")));
    assertEquals(
        "a",
        verifier
            .verify(
                sign(
                    header(),
                    "{\"sub\":\"a\",\"iat\":" + (now + 59) + ",\"exp\":" + (now + 600) + "}"))
            .subject());
  }

  @Test
  void lifetimeOverMaximum_isTooLong() {
    long now = NOW.getEpochSecond();
    long day = Duration.ofHours(24).toSeconds();
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        rejection(
            sign(header(), "{\"sub\":\"a\",\"iat\":" + now + ",\"exp\":" + (now + day + 1) + "}")));
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        rejection(sign(header(), "{\"sub\":\"a\",\"exp\":" + (now + day + 1) + "}")));
    assertEquals(
        Reason.INVALID_CLAIMS,
        rejection(
            sign(header(), "{\"sub\":\"a\",\"iat\":" + now + ",\"exp\":" + (now - 30) + "}")));
  }

  @Test
  void issuerAndAudience_enforcedWhenConfigured() {
    JwtVerifier strict =
        JwtVerifier.create(
            VerifierConfig.builder(KeyRing.of(TestTokens.key()))
                .clock(TestTokens.CLOCK)
                .issuers(Set.of("quilt-frontend"))
                .audiences(Set.of("quilt-mcp-server"))
                .build());
    String ok = payloadWith(",\"iss\":\"quilt-frontend\",\"aud\":[\"x\",\"quilt-mcp-server\"]");
    assertEquals("alice", strict.verify(sign(header(), ok)).subject());
    assertEquals(
        Reason.WRONG_ISSUER,
        rejection(
            strict, sign(header(), payloadWith(",\"iss\":\"evil\",\"aud\":\"quilt-mcp-server\""))));
    assertEquals(
        Reason.WRONG_ISSUER,
        rejection(strict, sign(header(), payloadWith(",\"aud\":\"quilt-mcp-server\""))));
    assertEquals(
        Reason.WRONG_AUDIENCE,
        rejection(
            strict, sign(header(), payloadWith(",\"iss\":\"quilt-frontend\",\"aud\":\"other\""))));
    assertEquals(
        Reason.WRONG_AUDIENCE,
        rejection(strict, sign(header(), payloadWith(",\"iss\":\"quilt-frontend\""))));
  }

  @Test
  void oversizedToken_isTooLargeBeforeParsing() {
    String big = payloadWith(",\"pad\":\"" + "x".repeat(20_000) + "\"");
    assertEquals(Reason.TOO_LARGE, rejection(sign(header(), big)));
  }

  @Test
  void claimListsOverLimits_areTooLarge() {
    JwtVerifier small =
        JwtVerifier.create(
            VerifierConfig.builder(KeyRing.of(TestTokens.key()))
                .clock(TestTokens.CLOCK)
                .claimLimits(new ClaimLimits(4, 1000, 2, 2, 64))
                .build());
    assertEquals(
        Reason.TOO_LARGE,
        rejection(small, sign(header(), payloadWith(",\"permissions\":[\"g\",\"p\",\"l\"]"))));
    assertEquals(
        Reason.TOO_LARGE,
        rejection(small, sign(header(), payloadWith(",\"roles\":[\"a\",\"b\",\"c\"]"))));
    assertEquals(
        Reason.TOO_LARGE,
        rejection(small, sign(header(), payloadWith(",\"scope\":\"" + "s".repeat(65) + "\""))));
    assertEquals(
        Reason.TOO_LARGE,
        rejection(
            small,
            sign(header(), payloadWith(",\"buckets\":[\"aaa\",\"bbb\",\"ccc\",\"ddd\",\"eee\"]"))));
  }

  @Test
  void subjectMissingOrBad_isInvalidClaims() {
    long now = NOW.getEpochSecond();
    assertEquals(Reason.INVALID_CLAIMS, rejection(sign(header(), "{\"exp\":" + (now + 60) + "}")));
    assertEquals(
        Reason.INVALID_CLAIMS,
        rejection(sign(header(), "{\"sub\":\"\",\"exp\":" + (now + 60) + "}")));
    assertEquals(
        Reason.INVALID_CLAIMS,
        rejection(sign(header(), "{\"sub\":\"a\\nb\",\"exp\":" + (now + 60) + "}")));
    assertEquals(
        Reason.INVALID_CLAIMS,
        rejection(sign(header(), "{\"sub\":{},\"exp\":" + (now + 60) + "}")));
  }

  @Test
  void invalidUtf8InPayload_isMalformed() {
    byte[] bad = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    String input = b64(header()) + "." + b64(bad);
    String token = input + "." + b64(TestTokens.hmac(input, TestTokens.SECRET));
    assertEquals(Reason.MALFORMED, rejection(token));
  }

  @Test
  void previousKey_acceptedDuringGrace_refusedAfter() {
    SigningKey old =
        SigningKey.ofUtf8(TestTokens.KID, "old-secret-old-secret-old-secret-0123456789");
    SigningKey current =
        SigningKey.ofUtf8(TestTokens.KID, "new-secret-new-secret-new-secret-0123456789");
    String oldToken = sign(header(), payload(), "old-secret-old-secret-old-secret-0123456789");
    KeyRing graceful = KeyRing.of(current).withPrevious(old, NOW.plusSeconds(1));
    KeyRing lapsed = KeyRing.of(current).withPrevious(old, NOW);
    JwtVerifier during =
        JwtVerifier.create(VerifierConfig.builder(graceful).clock(TestTokens.CLOCK).build());
    JwtVerifier after =
        JwtVerifier.create(VerifierConfig.builder(lapsed).clock(TestTokens.CLOCK).build());
    assertEquals("alice", during.verify(oldToken).subject());
    assertEquals(Reason.BAD_SIGNATURE, rejection(after, oldToken));
  }

  @Test
  void keysWithoutIds_ignoreTokenKid() {
    JwtVerifier anonymousKeys =
        JwtVerifier.create(
            VerifierConfig.builder(KeyRing.of(SigningKey.ofUtf8(null, TestTokens.SECRET)))
                .clock(TestTokens.CLOCK)
                .build());
    assertEquals("alice", anonymousKeys.verify(sign(header(), payload())).subject());
  }
}
