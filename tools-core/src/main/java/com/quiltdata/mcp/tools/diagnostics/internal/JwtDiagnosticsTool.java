package com.quiltdata.mcp.tools.diagnostics.internal;

import static com.quiltdata.mcp.tools.schema.JsonSchema.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.CredentialsBroker.CredentialStatus;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsSettings;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jwt_diagnostics}: the caller's own authentication state, what the token grants, the
 * server's key facts, the caller's cached credential times and advice. Never the token, never the
 * key, never AWS keys.
 */
public final class JwtDiagnosticsTool {
  private static final Logger LOG = LoggerFactory.getLogger(JwtDiagnosticsTool.class);

  private final DiagnosticsSettings settings;

  private JwtDiagnosticsTool(DiagnosticsSettings settings) {
    this.settings = settings;
  }

  /** The tool. */
  public static Tool create(DiagnosticsSettings settings) {
    JwtDiagnosticsTool tool = new JwtDiagnosticsTool(settings);
    return Tool.of(
        Display.definition(
                DiagnosticsTools.JWT_DIAGNOSTICS,
                "JWT diagnostics",
                "Explains your authentication: environment, subject, issuer, audience, token"
                    + " kind, expiry and time left, the buckets, permissions and roles your token"
                    + " grants, dropped claims, the server's key id, source and fingerprint, the"
                    + " state of your cached AWS credentials, and recommendations. Use it when"
                    + " calls are refused. Never shows the token, the key or AWS keys.")
            .inputSchema(JsonSchema.object())
            .outputSchema(outputSchema())
            .build(),
        tool::run);
  }

  ToolResult run(ObjectNode arguments, ToolContext context) {
    Principal p = context.principal();
    Instant now = context.clock().instant();
    Optional<JwtVerifier> verifier = settings.verifier();
    KeyInfo key = KeyFacts.keyInfo(settings).orElse(null);
    CredentialStatus credentials = credentialStatus(context, p).orElse(null);
    ObjectNode out = NODES.objectNode();
    out.put("environment", Display.lower(settings.environment()));
    out.put("authenticated", true);
    out.put("scheme", p.token().isPresent() ? "bearer" : "local");
    out.put("origin", Display.lower(p.origin()));
    out.put("subject", p.subject());
    out.put("subject_fingerprint", p.subjectFingerprint());
    out.set("token", token(p, now));
    out.set("grants", grants(p.claims()));
    Display.addAll(out.putArray("claim_warnings"), p.claims().warnings());
    out.set("server_key", KeyFacts.serverKey(settings));
    verifier.ifPresent(v -> out.set("verification", KeyFacts.rules(v)));
    out.set("credentials", credentials(credentials, now));
    out.set(
        "recommendations",
        Recommendations.of(
            new Recommendations.Facts(
                settings.environment(), p, now, verifier.orElse(null), key, credentials)));
    LOG.debug("jwt_diagnostics for subject#{}", p.subjectFingerprint());
    return ToolResult.structured(out);
  }

  private static ObjectNode token(Principal p, Instant now) {
    ObjectNode t = NODES.objectNode();
    t.put("present", p.token().isPresent());
    if (p.token().isEmpty()) {
      return t;
    }
    QuiltClaims c = p.claims();
    t.put("fingerprint", "sha256:" + p.token().get().fingerprint());
    t.put("kind", Display.lower(c.kind()));
    c.issuer().ifPresent(i -> t.put("issuer", i));
    Display.addAll(t.putArray("audiences"), c.audiences());
    c.tokenId().ifPresent(j -> t.put("token_id", j));
    c.issuedAt().ifPresent(i -> t.put("issued_at", i.toString()));
    c.notBefore().ifPresent(n -> t.put("not_before", n.toString()));
    t.put("expires_at", c.expiresAt().toString());
    t.put("seconds_left", Display.secondsBetween(now, c.expiresAt()));
    t.put("expired", !now.isBefore(c.expiresAt()));
    return t;
  }

  private static ObjectNode grants(QuiltClaims c) {
    ObjectNode g = NODES.objectNode();
    g.put("bucket_count", c.buckets().size());
    boolean cut = Display.addAll(g.putArray("buckets"), c.buckets());
    g.put("permission_count", c.permissions().size());
    cut |= Display.addAll(g.putArray("permissions"), c.permissions());
    g.put("role_count", c.roles().size());
    cut |= Display.addAll(g.putArray("roles"), c.roles());
    g.put("lists_shortened", cut);
    c.scope().ifPresent(s -> g.put("scope", s));
    c.level().ifPresent(l -> g.put("level", l));
    return g;
  }

  /** The caller's credential times; {@code status} is {@code null} when nothing is cached. */
  private static ObjectNode credentials(CredentialStatus status, Instant now) {
    ObjectNode out = NODES.objectNode();
    out.put("cached", status != null);
    if (status != null) {
      out.put("source", status.source());
      out.put("expires_at", status.expiresAt().toString());
      out.put("refresh_at", status.refreshAt().toString());
      out.put("seconds_left", Display.secondsBetween(now, status.expiresAt()));
    }
    return out;
  }

  private static Optional<CredentialStatus> credentialStatus(ToolContext context, Principal p) {
    try {
      return context.credentials().status(p);
    } catch (RuntimeException e) {
      LOG.info("credential status unavailable: {}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  static ObjectNode outputSchema() {
    ObjectNode s =
        JsonSchema.object(
            "environment",
            "authenticated",
            "scheme",
            "origin",
            "subject",
            "subject_fingerprint",
            "token",
            "grants",
            "claim_warnings",
            "server_key",
            "credentials",
            "recommendations");
    JsonSchema.property(
        s, "environment", JsonSchema.enumOf("where the server runs", "web", "desktop"));
    JsonSchema.property(
        s, "authenticated", JsonSchema.bool("always true: tools need an authenticated caller"));
    JsonSchema.property(
        s,
        "scheme",
        JsonSchema.enumOf("bearer token, or the local desktop user", "bearer", "local"));
    JsonSchema.property(
        s, "origin", JsonSchema.enumOf("where the identity comes from", "bearer_token", "desktop"));
    JsonSchema.property(s, "subject", JsonSchema.string("your user id (sub, id or uuid)"));
    JsonSchema.property(
        s, "subject_fingerprint", JsonSchema.string("8 hex digits; how logs name you"));
    JsonSchema.property(s, "token", tokenSchema());
    JsonSchema.property(s, "grants", grantsSchema());
    JsonSchema.property(s, "claim_warnings", JsonSchema.strings("claims dropped or odd"));
    JsonSchema.property(s, "server_key", KeyFacts.serverKeySchema());
    JsonSchema.property(s, "verification", KeyFacts.rulesSchema());
    JsonSchema.property(s, "credentials", credentialsSchema());
    JsonSchema.property(s, "recommendations", Recommendations.schema());
    return s;
  }

  private static ObjectNode tokenSchema() {
    ObjectNode s = JsonSchema.object("present");
    JsonSchema.property(s, "present", JsonSchema.bool("whether the call carried a token"));
    JsonSchema.property(
        s, "fingerprint", JsonSchema.string("sha256: fingerprint naming the token"));
    JsonSchema.property(s, "kind", JsonSchema.enumOf("token family", "enhanced", "native"));
    JsonSchema.property(s, "issuer", JsonSchema.string("iss"));
    JsonSchema.property(s, "audiences", JsonSchema.strings("aud"));
    JsonSchema.property(s, "token_id", JsonSchema.string("jti"));
    JsonSchema.property(s, "issued_at", JsonSchema.string("iat"));
    JsonSchema.property(s, "not_before", JsonSchema.string("nbf"));
    JsonSchema.property(s, "expires_at", JsonSchema.string("exp"));
    JsonSchema.property(s, "seconds_left", JsonSchema.integer("seconds until exp (0 when past)"));
    JsonSchema.property(s, "expired", JsonSchema.bool("whether exp has passed"));
    return s;
  }

  private static ObjectNode grantsSchema() {
    ObjectNode s =
        JsonSchema.object(
            "bucket_count",
            "buckets",
            "permission_count",
            "permissions",
            "role_count",
            "roles",
            "lists_shortened");
    JsonSchema.property(s, "bucket_count", JsonSchema.integer("buckets granted"));
    JsonSchema.property(s, "buckets", JsonSchema.strings("bucket names (at most 256 shown)"));
    JsonSchema.property(s, "permission_count", JsonSchema.integer("actions granted"));
    JsonSchema.property(
        s, "permissions", JsonSchema.strings("service:Action strings (at most 256 shown)"));
    JsonSchema.property(s, "role_count", JsonSchema.integer("roles"));
    JsonSchema.property(s, "roles", JsonSchema.strings("role names (at most 256 shown)"));
    JsonSchema.property(s, "lists_shortened", JsonSchema.bool("whether any list was cut at 256"));
    JsonSchema.property(s, "scope", JsonSchema.string("scope claim"));
    JsonSchema.property(s, "level", JsonSchema.string("level claim"));
    return s;
  }

  private static ObjectNode credentialsSchema() {
    ObjectNode s = JsonSchema.object("cached");
    JsonSchema.property(
        s, "cached", JsonSchema.bool("whether AWS credentials are cached for your token"));
    JsonSchema.property(
        s, "source", JsonSchema.string("who issued them: registry, local-chain, static"));
    JsonSchema.property(s, "expires_at", JsonSchema.string("when they stop being used"));
    JsonSchema.property(s, "refresh_at", JsonSchema.string("when they are fetched anew"));
    JsonSchema.property(s, "seconds_left", JsonSchema.integer("seconds until expires_at"));
    return s;
  }
}
