package com.quiltdata.mcp.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds raw tokens byte by byte, so tests can craft what no well-behaved signer would. */
final class TestTokens {
  static final String SECRET = "canary-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
  static final String KID = "frontend-enhanced";
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TestTokens() {}

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Signs {@code header.payload} (JSON texts) with HMAC-SHA256 under {@code secret}. */
  static String sign(String headerJson, String payloadJson, String secret) {
    String input = b64(headerJson) + "." + b64(payloadJson);
    return input + "." + b64(hmac(input, secret));
  }

  /** Signs a payload given as raw bytes (for byte sequences no String can carry). */
  static String signBytes(String headerJson, byte[] payload) {
    String input = b64(headerJson) + "." + b64(payload);
    return input + "." + b64(hmac(input, SECRET));
  }

  static String sign(String headerJson, String payloadJson) {
    return sign(headerJson, payloadJson, SECRET);
  }

  static byte[] hmac(String input, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String header() {
    return "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}";
  }

  /** A minimal valid payload: subject, issued now, expires in an hour. */
  static String payload() {
    return payloadWith("");
  }

  /** A minimal valid payload plus extra members (a JSON fragment starting with a comma). */
  static String payloadWith(String extra) {
    long now = NOW.getEpochSecond();
    return "{\"sub\":\"alice\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + extra + "}";
  }

  static SigningKey key() {
    return SigningKey.ofUtf8(KID, SECRET);
  }

  static JwtVerifier verifier() {
    return JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key())).clock(CLOCK).build());
  }
}
