package com.quiltdata.mcp.server.demo;

import com.quiltdata.mcp.jwt.SigningKey;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret of one demo run: 48 random bytes, handed to the MCP server as {@code
 * MCP_JWT_SECRET} in strict base64 ({@code MCP_JWT_SECRET_ENCODING=base64}) and never shown; only
 * its {@linkplain #fingerprint() fingerprint} is printed. It lives as long as the process: tokens
 * minted by one run are useless to the next.
 */
final class DemoSecret {
  /** Secret length in bytes (the server requires at least 32). */
  static final int LENGTH = 48;

  private final String base64;
  private final SigningKey key;

  private DemoSecret(byte[] bytes) {
    this.base64 = Base64.getEncoder().encodeToString(bytes);
    this.key = SigningKey.of(null, bytes);
  }

  /** A fresh secret from {@code random}. */
  static DemoSecret generate(SecureRandom random) {
    byte[] bytes = new byte[LENGTH];
    random.nextBytes(bytes);
    return new DemoSecret(bytes);
  }

  /** The key that signs the demo token and that the issuer verifies with. */
  SigningKey signingKey() {
    return key;
  }

  /** The value of {@code MCP_JWT_SECRET} (strict standard base64 with padding). */
  String environmentValue() {
    return base64;
  }

  /** {@code kfp1:} and 16 hex digits; safe to print. */
  String fingerprint() {
    return key.fingerprint();
  }

  @Override
  public String toString() {
    return "DemoSecret[" + fingerprint() + "]";
  }
}
