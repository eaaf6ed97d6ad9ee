package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.jwt.JwtVerificationException;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of authenticating one request's {@code Authorization} header values. Adapters map
 * {@link Outcome} to answers: MISSING to 401 without an error code, MALFORMED_REQUEST to 400,
 * INVALID_TOKEN and EXPIRED_TOKEN to 401 with {@code error="invalid_token"}.
 */
public final class AuthenticationResult {
  /** What happened. */
  public enum Outcome {
    /** A verified principal. */
    AUTHENTICATED,
    /** No {@code Authorization} header at all. */
    MISSING,
    /** More than one header, a scheme other than Bearer, an empty or multi-part credential. */
    MALFORMED_REQUEST,
    /** A bearer token that failed verification for any reason but expiry. */
    INVALID_TOKEN,
    /** A bearer token that is authentic but expired. */
    EXPIRED_TOKEN
  }

  private final Outcome outcome;
  private final Principal principal;
  private final JwtVerificationException.Reason tokenReason;
  private final String message;

  private AuthenticationResult(
      Outcome outcome,
      Principal principal,
      JwtVerificationException.Reason reason,
      String message) {
    this.outcome = outcome;
    this.principal = principal;
    this.tokenReason = reason;
    this.message = message;
  }

  /** A success. */
  public static AuthenticationResult authenticated(Principal principal) {
    return new AuthenticationResult(
        Outcome.AUTHENTICATED,
        Objects.requireNonNull(principal, "principal"),
        null,
        "authenticated");
  }

  /** No credentials were presented. */
  public static AuthenticationResult missing() {
    return new AuthenticationResult(Outcome.MISSING, null, null, "no bearer token was presented");
  }

  /** The request's credentials are malformed; {@code message} says how (fixed text). */
  public static AuthenticationResult malformedRequest(String message) {
    return new AuthenticationResult(Outcome.MALFORMED_REQUEST, null, null, message);
  }

  /** The token was rejected by the verifier. */
  public static AuthenticationResult rejected(JwtVerificationException e) {
    Outcome outcome =
        e.reason() == JwtVerificationException.Reason.EXPIRED
            ? Outcome.EXPIRED_TOKEN
            : Outcome.INVALID_TOKEN;
    return new AuthenticationResult(outcome, null, e.reason(), e.getMessage());
  }

  /** What happened. */
  public Outcome outcome() {
    return outcome;
  }

  /** Whether a principal was established. */
  public boolean isAuthenticated() {
    return outcome == Outcome.AUTHENTICATED;
  }

  /** The principal, present only when authenticated. */
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  /** The verifier's reason, present for INVALID_TOKEN and EXPIRED_TOKEN. */
  public Optional<JwtVerificationException.Reason> tokenReason() {
    return Optional.ofNullable(tokenReason);
  }

  /** A fixed, secret-free explanation suitable for an error body. */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return "AuthenticationResult[" + outcome + (tokenReason == null ? "" : "/" + tokenReason) + "]";
  }
}
