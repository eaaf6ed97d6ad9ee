package com.quiltdata.mcp.tools.diagnostics.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.CredentialsBroker.CredentialStatus;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth_status}: who the caller is, what the token grants and when it expires. Never shows
 * the token or any secret; the token appears only as a fingerprint.
 */
public final class AuthStatusTool {
  static final String NAME = "auth_status";
  private static final Logger LOG = LoggerFactory.getLogger(AuthStatusTool.class);

  private AuthStatusTool() {}

  /** The tool. */
  public static Tool create() {
    ObjectNode input = JsonSchema.object();
    ObjectNode output =
        JsonSchema.output(
            "subject", "origin", "token_kind", "buckets", "actions", "expires_at", "seconds_left");
    ObjectNode annotations = Annotations.readOnly(false);
    ToolDefinition definition =
        ToolDefinition.builder(NAME)
            .title("Authentication status")
            .description(
                "Shows who you are authenticated as (subject, token kind, issuer, audiences), which"
                    + " buckets and actions your token grants, and when it expires. Use it to"
                    + " diagnose permission errors. Never shows the token itself.")
            .inputSchema(input)
            .outputSchema(output)
            .annotations(annotations)
            .requirements(ToolRequirements.open(NAME))
            .build();
    return Tool.of(definition, AuthStatusTool::run);
  }

  static ToolResult run(ObjectNode arguments, ToolContext context) {
    Principal p = context.principal();
    QuiltClaims claims = p.claims();
    Instant now = context.clock().instant();
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("authenticated", true);
    out.put("subject", p.subject());
    out.put("subject_fingerprint", p.subjectFingerprint());
    out.put("origin", p.origin().name().toLowerCase(Locale.ROOT));
    out.put("token_kind", p.kind().name().toLowerCase(Locale.ROOT));
    p.token().ifPresent(t -> out.put("token_fingerprint", "sha256:" + t.fingerprint()));
    claims.issuer().ifPresent(i -> out.put("issuer", i));
    strings(out.putArray("audiences"), claims.audiences());
    strings(out.putArray("buckets"), claims.buckets());
    strings(out.putArray("actions"), claims.permissions());
    strings(out.putArray("roles"), claims.roles());
    claims.issuedAt().ifPresent(i -> out.put("issued_at", i.toString()));
    out.put("expires_at", claims.expiresAt().toString());
    long secondsLeft = Math.max(0, Duration.between(now, claims.expiresAt()).getSeconds());
    out.put("seconds_left", secondsLeft);
    out.put("expired", !now.isBefore(claims.expiresAt()));
    strings(out.putArray("claim_warnings"), claims.warnings());
    out.put("protocol_version", context.protocolVersion());
    ObjectNode credentials = out.putObject("aws_credentials");
    Optional<CredentialStatus> status = credentialStatus(context, p);
    if (status.isPresent()) {
      credentials.put("cached", true);
      credentials.put("source", status.get().source());
      credentials.put("expires_at", status.get().expiresAt().toString());
      credentials.put("refresh_at", status.get().refreshAt().toString());
    } else {
      credentials.put("cached", false);
    }
    return ToolResult.structured(out);
  }

  private static Optional<CredentialStatus> credentialStatus(ToolContext context, Principal p) {
    try {
      return context.credentials().status(p);
    } catch (RuntimeException e) {
      LOG.info("credential status unavailable: {}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
