package com.quiltdata.mcp.tools.internal.diagnostics;

import static com.quiltdata.mcp.tools.internal.diagnostics.Shapes.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.CredentialsBroker.CredentialStatus;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.tools.DiagnosticsTools;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolResult;
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
        Shapes.definition(
                DiagnosticsTools.JWT_DIAGNOSTICS,
                "JWT diagnostics",
                "Explains your authentication: environment, subject, issuer, audience, token"
                    + " kind, expiry and time left, the buckets, permissions and roles your token"
                    + " grants, dropped claims, the server's key id, source and fingerprint, the"
                    + " state of your cached AWS credentials, and recommendations. Use it when"
                    + " calls are refused. Never shows the token, the key or AWS keys.")
            .inputSchema(Shapes.noArguments())
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
    out.put("environment", Shapes.lower(settings.environment()));
    out.put("authenticated", true);
    out.put("scheme", p.token().isPresent() ? "bearer" : "local");
    out.put("origin", Shapes.lower(p.origin()));
    out.put("subject", p.subject());
    out.put("subject_fingerprint", p.subjectFingerprint());
    out.set("token", token(p, now));
    out.set("grants", grants(p.claims()));
    Shapes.addAll(out.putArray("claim_warnings"), p.claims().warnings());
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
    t.put("kind", Shapes.lower(c.kind()));
    c.issuer().ifPresent(i -> t.put("issuer", i));
    Shapes.addAll(t.putArray("audiences"), c.audiences());
    c.tokenId().ifPresent(j -> t.put("token_id", j));
    c.issuedAt().ifPresent(i -> t.put("issued_at", i.toString()));
    c.notBefore().ifPresent(n -> t.put("not_before", n.toString()));
    t.put("expires_at", c.expiresAt().toString());
    t.put("seconds_left", Shapes.secondsBetween(now, c.expiresAt()));
    t.put("expired", !now.isBefore(c.expiresAt()));
    return t;
  }

  private static ObjectNode grants(QuiltClaims c) {
    ObjectNode g = NODES.objectNode();
    g.put("bucket_count", c.buckets().size());
    boolean cut = Shapes.addAll(g.putArray("buckets"), c.buckets());
    g.put("permission_count", c.permissions().size());
    cut |= Shapes.addAll(g.putArray("permissions"), c.permissions());
    g.put("role_count", c.roles().size());
    cut |= Shapes.addAll(g.putArray("roles"), c.roles());
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
      out.put("seconds_left", Shapes.secondsBetween(now, status.expiresAt()));
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
        Shapes.object(
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
    Shapes.with(s, "environment", Shapes.oneOf("where the server runs", "web", "desktop"));
    Shapes.with(s, "authenticated", Shapes.bool("always true: tools need an authenticated caller"));
    Shapes.with(
        s, "scheme", Shapes.oneOf("bearer token, or the local desktop user", "bearer", "local"));
    Shapes.with(
        s, "origin", Shapes.oneOf("where the identity comes from", "bearer_token", "desktop"));
    Shapes.with(s, "subject", Shapes.string("your user id (sub, id or uuid)"));
    Shapes.with(s, "subject_fingerprint", Shapes.string("8 hex digits; how logs name you"));
    Shapes.with(s, "token", tokenSchema());
    Shapes.with(s, "grants", grantsSchema());
    Shapes.with(s, "claim_warnings", Shapes.strings("claims dropped or odd"));
    Shapes.with(s, "server_key", KeyFacts.serverKeySchema());
    Shapes.with(s, "verification", KeyFacts.rulesSchema());
    Shapes.with(s, "credentials", credentialsSchema());
    Shapes.with(s, "recommendations", Recommendations.schema());
    return s;
  }

  private static ObjectNode tokenSchema() {
    ObjectNode s = Shapes.object("present");
    Shapes.with(s, "present", Shapes.bool("whether the call carried a token"));
    Shapes.with(s, "fingerprint", Shapes.string("sha256: fingerprint naming the token"));
    Shapes.with(s, "kind", Shapes.oneOf("token family", "enhanced", "native"));
    Shapes.with(s, "issuer", Shapes.string("iss"));
    Shapes.with(s, "audiences", Shapes.strings("aud"));
    Shapes.with(s, "token_id", Shapes.string("jti"));
    Shapes.with(s, "issued_at", Shapes.string("iat"));
    Shapes.with(s, "not_before", Shapes.string("nbf"));
    Shapes.with(s, "expires_at", Shapes.string("exp"));
    Shapes.with(s, "seconds_left", Shapes.integer("seconds until exp (0 when past)"));
    Shapes.with(s, "expired", Shapes.bool("whether exp has passed"));
    return s;
  }

  private static ObjectNode grantsSchema() {
    ObjectNode s =
        Shapes.object(
            "bucket_count",
            "buckets",
            "permission_count",
            "permissions",
            "role_count",
            "roles",
            "lists_shortened");
    Shapes.with(s, "bucket_count", Shapes.integer("buckets granted"));
    Shapes.with(s, "buckets", Shapes.strings("bucket names (at most 256 shown)"));
    Shapes.with(s, "permission_count", Shapes.integer("actions granted"));
    Shapes.with(s, "permissions", Shapes.strings("service:Action strings (at most 256 shown)"));
    Shapes.with(s, "role_count", Shapes.integer("roles"));
    Shapes.with(s, "roles", Shapes.strings("role names (at most 256 shown)"));
    Shapes.with(s, "lists_shortened", Shapes.bool("whether any list was cut at 256"));
    Shapes.with(s, "scope", Shapes.string("scope claim"));
    Shapes.with(s, "level", Shapes.string("level claim"));
    return s;
  }

  private static ObjectNode credentialsSchema() {
    ObjectNode s = Shapes.object("cached");
    Shapes.with(s, "cached", Shapes.bool("whether AWS credentials are cached for your token"));
    Shapes.with(s, "source", Shapes.string("who issued them: registry, local-chain, static"));
    Shapes.with(s, "expires_at", Shapes.string("when they stop being used"));
    Shapes.with(s, "refresh_at", Shapes.string("when they are fetched anew"));
    Shapes.with(s, "seconds_left", Shapes.integer("seconds until expires_at"));
    return s;
  }
}
