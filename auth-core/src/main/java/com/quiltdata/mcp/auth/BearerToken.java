package com.quiltdata.mcp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A verified bearer token, held so that it cannot leak by accident: {@link #toString()} shows only
 * a short fingerprint. The raw text is available through {@link #reveal()}, which only the
 * credential exchange with the issuing Quilt registry (and the diagnostics tools re-checking the
 * caller's own token) should call.
 */
public final class BearerToken {
  private final String value;
  private final byte[] sha256;
  private final String fingerprint;

  private BearerToken(String value) {
    this.value = value;
    this.sha256 = digest(value);
    this.fingerprint = HexFormat.of().formatHex(sha256, 0, 6);
  }

  /**
   * Wraps the canonical (strictly verified) compact token text.
   *
   * @throws IllegalArgumentException if the text is empty or not visible ASCII
   */
  public static BearerToken of(String canonicalToken) {
    Objects.requireNonNull(canonicalToken, "canonicalToken");
    if (canonicalToken.isEmpty()) {
      throw new IllegalArgumentException("token must not be empty");
    }
    for (int i = 0; i < canonicalToken.length(); i++) {
      char c = canonicalToken.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("token must be visible ASCII");
      }
    }
    return new BearerToken(canonicalToken);
  }

  /** For callers in this package that have already checked the text is non-empty visible ASCII. */
  static BearerToken ofCheckedAscii(String canonicalToken) {
    return new BearerToken(canonicalToken);
  }

  /** SHA-256 of the token text as a hex string: the cache key for anything derived from it. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256);
  }

  /** The first 12 hex digits of the SHA-256: safe to log and show. */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * The raw token text. Only for sending to the issuing Quilt registry, and for re-checking the
   * caller's own token in the diagnostics tools (which show a fingerprint, never the text).
   */
  public String reveal() {
    return value;
  }

  private static byte[] digest(String text) {
    try {
      // Visible ASCII only (checked on the way in), for which ISO-8859-1 is the same encoding and,
      // unlike US-ASCII in JDK 17, a plain copy: about 1 us less per 4.5 KB token.
      return MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.ISO_8859_1));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BearerToken other && MessageDigest.isEqual(sha256, other.sha256);
  }

  @Override
  public int hashCode() {
    return (sha256[0] << 24)
        | ((sha256[1] & 0xff) << 16)
        | ((sha256[2] & 0xff) << 8)
        | (sha256[3] & 0xff);
  }

  @Override
  public String toString() {
    return "BearerToken[sha256:" + fingerprint + "...]";
  }
}
