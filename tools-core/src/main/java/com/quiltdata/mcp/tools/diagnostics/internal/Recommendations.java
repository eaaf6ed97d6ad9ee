package com.quiltdata.mcp.tools.diagnostics.internal;

import static com.quiltdata.mcp.tools.schema.JsonSchema.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.CredentialsBroker.CredentialStatus;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.TokenKind;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools.Environment;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code jwt_diagnostics} advises, each with a stable code, a severity and a sentence saying
 * what to do. Derived only from the caller's own principal, the server's configuration and the
 * caller's own credential status.
 */
final class Recommendations {
  /** A token expiring within this window gets a warning. */
  static final Duration EXPIRY_WARNING = Duration.ofMinutes(5);

  /** How serious a finding is. */
  enum Severity {
    ERROR,
    WARNING,
    INFO
  }

  /**
   * The facts recommendations are derived from.
   *
   * @param verifier the verifier in force, {@code null} without a signing key
   * @param key the key facts, {@code null} when not available
   * @param credentials the caller's cached credential status, {@code null} when none
   */
  record Facts(
      Environment environment,
      Principal principal,
      Instant now,
      JwtVerifier verifier,
      KeyInfo key,
      CredentialStatus credentials) {}

  private final ArrayNode out = NODES.arrayNode();

  private Recommendations() {}

  static ArrayNode of(Facts f) {
    Recommendations r = new Recommendations();
    r.token(f);
    r.grants(f);
    if (f.verifier() != null) {
      r.configuration(f, f.verifier());
    }
    r.keys(f);
    r.credentials(f);
    return r.out;
  }

  static ObjectNode schema() {
    ObjectNode item = JsonSchema.object("code", "severity", "message");
    JsonSchema.property(item, "code", JsonSchema.string("stable code of the finding"));
    JsonSchema.property(
        item, "severity", JsonSchema.enumOf("how serious it is", "error", "warning", "info"));
    JsonSchema.property(item, "message", JsonSchema.string("what was found and what to do"));
    return JsonSchema.arrayOf(item, "findings with advice, most relevant first");
  }

  private void token(Facts f) {
    if (f.principal().token().isEmpty()) {
      return;
    }
    Instant expires = f.principal().claims().expiresAt();
    if (!f.now().isBefore(expires)) {
      add(
          "TOKEN_EXPIRED",
          Severity.ERROR,
          "The token expired at "
              + expires
              + ". Obtain a fresh token (sign in to the Quilt catalog again"
              + (f.environment() == Environment.DESKTOP
                  ? " and restart with the new QUILT_ACCESS_TOKEN)."
                  : ")."));
    } else if (Duration.between(f.now(), expires).compareTo(EXPIRY_WARNING) < 0) {
      add(
          "TOKEN_EXPIRES_SOON",
          Severity.WARNING,
          "The token expires within "
              + EXPIRY_WARNING.toMinutes()
              + " minutes (at "
              + expires
              + "). Calls after that fail until the client sends a fresh token.");
    }
    if (f.principal().kind() == TokenKind.NATIVE) {
      add(
          "NATIVE_TOKEN",
          Severity.INFO,
          "This is a registry (native) token: it names no buckets or permissions, so tools"
              + " that need them are refused. The catalog's enhanced token carries them.");
    }
  }

  private void grants(Facts f) {
    QuiltClaims c = f.principal().claims();
    boolean desktopUser = f.principal().origin() == Principal.Origin.DESKTOP;
    if (c.buckets().isEmpty()) {
      add(
          "NO_BUCKETS",
          Severity.WARNING,
          desktopUser
              ? "No buckets are configured for the desktop user: set QUILT_DESKTOP_BUCKETS to a"
                  + " comma list of bucket names."
              : "The token grants no buckets, so every bucket tool is refused. Check the user's"
                  + " Quilt role and bucket access in the catalog, then sign in again.");
    }
    if (c.permissions().isEmpty()) {
      add(
          "NO_PERMISSIONS",
          Severity.WARNING,
          "The token grants no actions (permissions), so tools needing s3:GetObject,"
              + " s3:ListBucket or s3:PutObject are refused.");
    }
    if (!c.warnings().isEmpty()) {
      add(
          "CLAIMS_DROPPED",
          Severity.WARNING,
          "Some claims were dropped (see claim_warnings): unknown permission abbreviations or"
              + " invalid bucket names grant nothing. Fix them where the token is issued.");
    }
  }

  private void configuration(Facts f, JwtVerifier verifier) {
    if (f.principal().token().isEmpty()) {
      return;
    }
    QuiltClaims c = f.principal().claims();
    Set<String> issuers = verifier.config().issuers();
    Optional<String> issuer = c.issuer();
    if (!issuers.isEmpty() && (issuer.isEmpty() || !issuers.contains(issuer.get()))) {
      add(
          "ISSUER_MISMATCH",
          Severity.ERROR,
          "The token's issuer differs from the configured issuers (MCP_JWT_ISSUER); new"
              + " requests with this token are refused. Align the signer and MCP_JWT_ISSUER.");
    } else if (issuers.isEmpty() && f.environment() == Environment.WEB) {
      add(
          "ISSUER_NOT_CHECKED",
          Severity.INFO,
          "The issuer is not checked. Set MCP_JWT_ISSUER"
              + issuer.map(i -> " (this token says '" + i + "')").orElse("")
              + " so tokens from other signers sharing the secret are refused.");
    }
    Set<String> audiences = verifier.config().audiences();
    boolean audienceMatches = c.audiences().stream().anyMatch(audiences::contains);
    if (!audiences.isEmpty() && !audienceMatches) {
      add(
          "AUDIENCE_MISMATCH",
          Severity.ERROR,
          "None of the token's audiences is configured (MCP_JWT_AUDIENCE); new requests with"
              + " this token are refused. Align the signer and MCP_JWT_AUDIENCE.");
    } else if (audiences.isEmpty() && f.environment() == Environment.WEB) {
      add(
          "AUDIENCE_NOT_CHECKED",
          Severity.INFO,
          "The audience is not checked. Set MCP_JWT_AUDIENCE"
              + (c.audiences().isEmpty() ? "" : " (this token says '" + c.audiences().get(0) + "')")
              + " so tokens meant for other services are refused.");
    }
  }

  private void keys(Facts f) {
    if (f.verifier() == null) {
      add(
          "NO_SIGNING_KEY",
          Severity.INFO,
          "No signing secret is configured, so this server cannot check tokens;"
              + " validate_jwt_token only decodes them. Set MCP_JWT_SECRET (or a file or SSM"
              + " source) to check signatures.");
      return;
    }
    KeyInfo k = f.key();
    if (k != null && k.previousKeys() > 0) {
      add(
          "KEY_ROTATION_IN_PROGRESS",
          Severity.INFO,
          k.previousKeys()
              + " previous key(s) are still accepted. Make sure every signer uses the current key"
              + " (fingerprint "
              + k.fingerprint()
              + ") before the grace period ends.");
    }
  }

  private void credentials(Facts f) {
    if (f.principal().origin() == Principal.Origin.DESKTOP && f.principal().token().isEmpty()) {
      add(
          "LOCAL_AWS_CREDENTIALS",
          Severity.INFO,
          "AWS calls use the local default credentials chain (profile, environment, SSO) of"
              + " the desktop user.");
      return;
    }
    if (f.credentials() == null) {
      add(
          "CREDENTIALS_NOT_CACHED",
          Severity.INFO,
          "No AWS credentials are cached for this token yet: the first tool that needs AWS"
              + " exchanges it at the Quilt registry"
              + (f.environment() == Environment.DESKTOP
                  ? " (in desktop mode only when QUILT_REGISTRY_URL is set)."
                  : "."));
    }
  }

  private void add(String code, Severity severity, String message) {
    ObjectNode item = out.addObject();
    item.put("code", code);
    item.put("severity", Display.lower(severity));
    item.put("message", message);
  }
}
