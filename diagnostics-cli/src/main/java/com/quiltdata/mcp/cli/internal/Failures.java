package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.JwtVerificationException;

/**
 * Maps the libraries' reason codes to exit statuses and fix hints: the one place that says what an
 * operator should do about each rejection.
 */
final class Failures {
  private Failures() {}

  /** A rejected token: {@link ExitCode#INVALID_TOKEN} with the verifier's reason and a hint. */
  static CliFailure of(JwtVerificationException e) {
    return new CliFailure(
        ExitCode.INVALID_TOKEN, e.reason().name(), e.getMessage(), hint(e.reason()));
  }

  /** An auth-core failure, mapped by its reason. */
  static CliFailure of(AuthException e) {
    return new CliFailure(
        exitCode(e.reason()), e.reason().name(), e.getMessage(), hint(e.reason()));
  }

  static ExitCode exitCode(AuthException.Reason reason) {
    return switch (reason) {
      case CONFIGURATION -> ExitCode.CONFIG_ERROR;
      case REGISTRY_INVALID_TOKEN,
          REGISTRY_FORBIDDEN,
          REGISTRY_REFUSED,
          CREDENTIALS_NOT_AVAILABLE ->
          ExitCode.INVALID_TOKEN;
      case SECRET_UNAVAILABLE,
          REGISTRY_UNAVAILABLE,
          REGISTRY_BAD_RESPONSE,
          CREDENTIALS_EXPIRED,
          SESSION_STORE_UNAVAILABLE,
          SESSION_LIMIT_REACHED ->
          ExitCode.UNREACHABLE;
    };
  }

  /** What to do about a verification failure. */
  static String hint(JwtVerificationException.Reason reason) {
    return switch (reason) {
      case MALFORMED ->
          "this is not a compact HS256 token (three base64url parts, no padding): copy the whole"
              + " token without quotes, spaces or line breaks; 'decode' shows what it contains";
      case BAD_SIGNATURE ->
          "the signer and this key hold different secrets: run 'quilt-mcp-diag fingerprint' on both"
              + " sides and compare the kfp1: values; check MCP_JWT_SECRET_ENCODING (utf8 vs"
              + " base64) too";
      case UNSUPPORTED_ALGORITHM ->
          "only HS256 is accepted: configure the signer to sign with HS256 (never 'none')";
      case UNKNOWN_KEY ->
          "the token's kid differs from the configured key id: set MCP_JWT_KID to the signer's kid"
              + " (commonly frontend-enhanced) or remove the kid on both sides";
      case EXPIRED ->
          "obtain a fresh token (sign in to the catalog again); if fresh tokens are rejected too,"
              + " check the clocks with 'quilt-mcp-diag doctor'";
      case NOT_YET_VALID ->
          "the signer's clock is ahead of this host: synchronise both with NTP ('doctor' shows the"
              + " skew against the registry)";
      case LIFETIME_TOO_LONG ->
          "the token lives longer than the maximum (24 h by default): shorten the signer's token"
              + " lifetime";
      case WRONG_ISSUER ->
          "the token's 'iss' (see 'decode') is not among the accepted issuers: add it to"
              + " MCP_JWT_ISSUER (--issuer here) or fix the signer";
      case WRONG_AUDIENCE ->
          "the token's 'aud' (see 'decode') names none of the accepted audiences: add it to"
              + " MCP_JWT_AUDIENCE (--audience here) or fix the signer";
      case INVALID_CLAIMS ->
          "a claim is missing or malformed (see the message): 'decode' shows the claims; the"
              + " signer must send exp and one of sub, id or uuid";
      case TOO_LARGE ->
          "the token or a claim exceeds the limits (16384 characters, 2048 buckets): send fewer"
              + " buckets or use the compressed bucket forms";
    };
  }

  /** What to do about an auth-core failure. */
  static String hint(AuthException.Reason reason) {
    return switch (reason) {
      case CONFIGURATION ->
          "fix the setting named in the message (docs/configuration.md lists every variable)";
      case SECRET_UNAVAILABLE ->
          "check network access to SSM, the region, and that the role may call ssm:GetParameter"
              + " (and kms:Decrypt) on the parameter";
      case REGISTRY_INVALID_TOKEN ->
          "the registry does not accept this token: sign in to the catalog again; a token minted"
              + " with the shared secret alone is never accepted by a real registry";
      case REGISTRY_FORBIDDEN ->
          "the registry knows the token but refuses credentials: check the user's role in the"
              + " catalog admin settings";
      case REGISTRY_REFUSED ->
          "the registry (or a proxy in front of it) refused this request with a 4xx: a token too"
              + " large for its header limit is the usual cause (nginx refuses headers over 8 KB);"
              + " 'decode' shows the token's size: send fewer buckets or use the compressed forms";
      case REGISTRY_UNAVAILABLE ->
          "check QUILT_REGISTRY_URL (the registry, not the catalog), DNS, security groups and the"
              + " registry's health; 'doctor' probes it";
      case REGISTRY_BAD_RESPONSE ->
          "the URL may point at something other than the Quilt registry (for example the catalog):"
              + " check QUILT_REGISTRY_URL";
      case CREDENTIALS_EXPIRED ->
          "the registry issued credentials that are already (nearly) expired: compare this host's"
              + " clock with the registry's ('doctor' shows the skew)";
      case CREDENTIALS_NOT_AVAILABLE -> "the token cannot be sent in an HTTP header: copy it again";
      case SESSION_STORE_UNAVAILABLE ->
          "check MCP_SESSION_STORE (host, port, TLS), the password and the security group";
      case SESSION_LIMIT_REACHED ->
          "every session slot is held by a signed-in user: raise MCP_MAX_SESSIONS, lower"
              + " MCP_SESSION_IDLE_TIMEOUT, or use the 2026-07-28 revision (no sessions)";
    };
  }
}
