package com.quiltdata.mcp.jwt;

import java.util.Objects;

/**
 * The one exception the verifier throws for a token it will not accept.
 *
 * <p>{@link #reason()} is stable and machine-readable; adapters map it to HTTP or JSON-RPC answers.
 * The message says what failed and how to fix it, and never contains the token, the secret or bytes
 * taken from the token. No stack trace is captured: rejections are routine under hostile traffic
 * and must stay cheap.
 */
public final class JwtVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a token was rejected. The names are part of the public contract. */
  public enum Reason {
    /** Not a compact JWS of three strict base64url segments, bad JSON, or a forbidden header. */
    MALFORMED,
    /** The signature does not match under any key the token may be checked with. */
    BAD_SIGNATURE,
    /** Any algorithm other than HS256, including {@code none} and JWE. */
    UNSUPPORTED_ALGORITHM,
    /** The token names a {@code kid} the key ring does not hold (or holds no longer). */
    UNKNOWN_KEY,
    /** {@code exp} has passed (beyond the allowed clock skew). */
    EXPIRED,
    /** {@code nbf} or {@code iat} lies in the future (beyond the allowed clock skew). */
    NOT_YET_VALID,
    /** {@code exp} lies further from {@code iat} (or from now) than the maximum token lifetime. */
    LIFETIME_TOO_LONG,
    /** {@code iss} is missing or not one of the accepted issuers. */
    WRONG_ISSUER,
    /** {@code aud} is missing or names none of the accepted audiences. */
    WRONG_AUDIENCE,
    /** A claim is missing, of the wrong type, out of range or malformed. */
    INVALID_CLAIMS,
    /** The token or one of its claims exceeds a configured size limit. */
    TOO_LARGE
  }

  private final Reason reason;

  /**
   * @param reason the stable reason code
   * @param message a fixed, human-readable explanation; must not contain token or secret bytes
   */
  public JwtVerificationException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable reason code. */
  public Reason reason() {
    return reason;
  }
}
