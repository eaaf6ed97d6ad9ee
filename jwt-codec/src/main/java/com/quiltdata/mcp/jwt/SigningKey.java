package com.quiltdata.mcp.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HS256 shared secret with its optional key id.
 *
 * <p>The secret never leaves this object in readable form: {@link #toString()} shows the key id,
 * length and fingerprint only. The {@linkplain #fingerprint() fingerprint} is an HMAC of a fixed
 * label under the key, so two operators can compare keys without revealing them.
 */
public final class SigningKey {
  /** Shortest secret accepted: HS256 needs at least 256 bits of key. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final byte[] FINGERPRINT_LABEL =
      "quilt-mcp key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

  private final String keyId;
  private final SecretKey secret;
  private final int length;
  private final String fingerprint;

  private SigningKey(String keyId, byte[] secret) {
    this.keyId = keyId;
    this.length = secret.length;
    this.secret = new SecretKeySpec(secret, "HmacSHA256");
    this.fingerprint = computeFingerprint(this.secret);
  }

  /**
   * Creates a key from raw secret bytes (copied).
   *
   * @param keyId the {@code kid} tokens signed with this key carry, or {@code null} for none
   * @param secret at least {@value #MIN_SECRET_BYTES} bytes
   * @throws IllegalArgumentException if the secret is too short or the key id is blank or unusual
   */
  public static SigningKey of(String keyId, byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the JWT secret is "
              + secret.length
              + " bytes; HS256 needs at least "
              + MIN_SECRET_BYTES
              + " bytes (generate one with: openssl rand -base64 48)");
    }
    if (keyId != null && !isPrintableKeyId(keyId)) {
      throw new IllegalArgumentException(
          "the key id must be 1..128 printable ASCII characters without spaces");
    }
    return new SigningKey(keyId, secret.clone());
  }

  /** Creates a key from a UTF-8 secret string, the form the catalog and its config use. */
  public static SigningKey ofUtf8(String keyId, String secret) {
    Objects.requireNonNull(secret, "secret");
    return of(keyId, secret.getBytes(StandardCharsets.UTF_8));
  }

  static boolean isPrintableKeyId(String keyId) {
    if (keyId.isEmpty() || keyId.length() > 128) {
      return false;
    }
    for (int i = 0; i < keyId.length(); i++) {
      char c = keyId.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The key id, or {@code null} when the key has none. */
  public String keyId() {
    return keyId;
  }

  /** Secret length in bytes. */
  public int length() {
    return length;
  }

  /**
   * A short, stable, non-reversible identifier of the secret: the first 16 hex digits of
   * HMAC-SHA256 of a fixed label under the key, prefixed with {@code kfp1:}.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** The key for the HMAC; for this module's verifier and minter only. */
  SecretKey secretKey() {
    return secret;
  }

  /** Whether both keys hold the same secret bytes (constant-time) and the same key id. */
  public boolean sameKeyAs(SigningKey other) {
    return other != null
        && Objects.equals(keyId, other.keyId)
        && MessageDigest.isEqual(secret.getEncoded(), other.secret.getEncoded());
  }

  /** Computes the fingerprint of a raw secret without building a key (for diagnostics tools). */
  public static String fingerprintOf(byte[] secret) {
    return computeFingerprint(new SecretKeySpec(secret, "HmacSHA256"));
  }

  private static String computeFingerprint(SecretKey key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(FINGERPRINT_LABEL);
      return "kfp1:" + HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "SigningKey[kid="
        + (keyId == null ? "(none)" : keyId)
        + ", length="
        + length
        + ", fingerprint="
        + fingerprint
        + "]";
  }
}
