package com.quiltdata.mcp.tools.diagnostics.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.UnverifiedToken;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How to fix each rejection. Values quoted from the token (algorithm, key id, issuer, audience)
 * come from {@link UnverifiedToken}'s sanitised, bounded copies and are marked as the token's
 * claims; the server's side is its configuration and key fingerprint, never the key.
 */
final class FixHints {
  private FixHints() {}

  /**
   * The hint for a rejection.
   *
   * @param key the server's key facts, {@code null} when not available
   */
  static String hint(Reason reason, UnverifiedToken t, KeyInfo key, JwtVerifier v, Instant now) {
    VerifierConfig c = v.config();
    switch (reason) {
      case MALFORMED:
        return malformed(t);
      case UNSUPPORTED_ALGORITHM:
        return algorithm(t);
      case UNKNOWN_KEY:
        return "The token names key id "
            + quoted(t.headerText("kid").orElse(null))
            + ", which this server does not hold (or no longer accepts). "
            + serverKey(key)
            + " Make the signer use this server's key id (MCP_JWT_KID here), or drop 'kid' on"
            + " both sides.";
      case BAD_SIGNATURE:
        return "The signature does not match: the signer uses a different secret, or the token"
            + " was altered. "
            + serverKey(key)
            + " The token names key id "
            + quoted(t.headerText("kid").orElse(null))
            + ". Compute the signer's fingerprint with 'quilt-mcp-diag fingerprint' and compare;"
            + " if they differ, give both the same secret (and check MCP_JWT_SECRET_ENCODING:"
            + " utf8 or base64).";
      case EXPIRED:
        return t.claimDate("exp")
                .map(
                    exp ->
                        "The token expired at "
                            + exp
                            + ", "
                            + Duration.between(exp, now).getSeconds()
                            + " s before this server's clock ("
                            + now
                            + "; "
                            + c.clockSkew().getSeconds()
                            + " s skew allowed).")
                .orElse("The token has expired.")
            + " The client must obtain a fresh token (sign in to the catalog again). If fresh"
            + " tokens are refused too, compare the signer's and this server's clocks.";
      case NOT_YET_VALID:
        return "The token's 'nbf' or 'iat' lies ahead of this server's clock ("
            + now
            + ") by more than the allowed "
            + c.clockSkew().getSeconds()
            + " s skew"
            + dates(t)
            + ". Synchronise the clocks of signer and server (NTP).";
      case LIFETIME_TOO_LONG:
        return "The token lives longer than the configured maximum of "
            + c.maxLifetime().getSeconds()
            + " s"
            + dates(t)
            + ". Issue tokens with an 'exp' closer to 'iat'.";
      case WRONG_ISSUER:
        return "The token's 'iss' is "
            + quoted(t.claimText("iss").orElse(null))
            + " but this server accepts only "
            + new TreeSet<>(c.issuers())
            + ". Set MCP_JWT_ISSUER to the signer's issuer, or fix the signer.";
      case WRONG_AUDIENCE:
        return "The token's 'aud' is "
            + audiences(t)
            + " but this server accepts only "
            + new TreeSet<>(c.audiences())
            + ". Set MCP_JWT_AUDIENCE to the audience the signer uses, or fix the signer.";
      case INVALID_CLAIMS:
        return "A claim is missing, of the wrong type or out of range. A token needs a numeric"
            + " 'exp' and one of 'sub', 'id' or 'uuid'; dates are seconds since 1970.";
      case TOO_LARGE:
        return "The token has "
            + t.length()
            + " characters (this server accepts at most "
            + c.maxTokenLength()
            + ") or a claim exceeds its limit. Grant fewer buckets or shorten the claims.";
      default:
        return "See the message for what was refused.";
    }
  }

  private static String malformed(UnverifiedToken t) {
    StringBuilder out =
        new StringBuilder(
            "Send the compact token exactly as issued: three base64url parts joined by dots,"
                + " without quotes, spaces, line breaks or '=' padding.");
    if (t.segments() == 3 && t.signatureLength() != 43) {
      out.append(" The signature part has ")
          .append(t.signatureLength())
          .append(" characters; HS256 needs exactly 43.");
    }
    if (!t.problems().isEmpty()) {
      out.append(" See untrusted.problems for the part that is wrong.");
    }
    return out.toString();
  }

  private static String algorithm(UnverifiedToken t) {
    if (t.segments() == 5) {
      return "Encrypted tokens (JWE) are not accepted. Send the HS256-signed token.";
    }
    Optional<String> alg = t.headerText("alg");
    if (alg.isPresent() && "none".equalsIgnoreCase(alg.get())) {
      return "The token is unsigned ('alg' none) and is never accepted. Send an HS256-signed"
          + " token.";
    }
    return "The token header names algorithm "
        + quoted(alg.orElse(null))
        + "; this server accepts only HS256. Configure the signer to sign with HS256 and the"
        + " shared secret.";
  }

  private static String serverKey(KeyInfo k) {
    if (k == null) {
      return "This server's key facts are not available.";
    }
    return "This server expects key fingerprint "
        + k.fingerprint()
        + " (key id "
        + (k.keyId() == null ? "none" : "'" + k.keyId() + "'")
        + ", source "
        + k.source()
        + (k.previousKeys() > 0 ? ", plus " + k.previousKeys() + " previous key(s)" : "")
        + ").";
  }

  private static String dates(UnverifiedToken t) {
    List<String> parts = new ArrayList<>(3);
    t.claimDate("iat").ifPresent(d -> parts.add("iat " + d));
    t.claimDate("nbf").ifPresent(d -> parts.add("nbf " + d));
    t.claimDate("exp").ifPresent(d -> parts.add("exp " + d));
    return parts.isEmpty() ? "" : " (token says " + String.join(", ", parts) + ")";
  }

  private static String audiences(UnverifiedToken t) {
    Optional<String> single = t.claimText("aud");
    if (single.isPresent()) {
      return quoted(single.get());
    }
    JsonNode aud = t.claims().map(c -> c.get("aud")).orElse(null);
    if (aud == null || !aud.isArray()) {
      return "missing";
    }
    List<String> values = new ArrayList<>();
    for (JsonNode a : aud) {
      if (values.size() == 8) {
        values.add("...");
        break;
      }
      values.add(a.isTextual() ? "'" + a.textValue() + "'" : a.toString());
    }
    return values.toString();
  }

  private static String quoted(String value) {
    return value == null ? "(none)" : "'" + value + "'";
  }
}
