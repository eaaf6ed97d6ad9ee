package com.quiltdata.mcp.tools.diagnostics.internal;

import static com.quiltdata.mcp.tools.schema.JsonSchema.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.SessionStore.SessionStats;
import com.quiltdata.mcp.jwt.UnverifiedToken;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsSettings;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools.Environment;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code session_diagnostics}: the caller's own session (by fingerprint, never its id) and
 * aggregate counts of the store. Never another session's id or user.
 */
public final class SessionDiagnosticsTool {
  private static final Logger LOG = LoggerFactory.getLogger(SessionDiagnosticsTool.class);

  private final DiagnosticsSettings settings;

  private SessionDiagnosticsTool(DiagnosticsSettings settings) {
    this.settings = settings;
  }

  /** The tool. */
  public static Tool create(DiagnosticsSettings settings) {
    SessionDiagnosticsTool tool = new SessionDiagnosticsTool(settings);
    return Tool.of(
        Display.definition(
                DiagnosticsTools.SESSION_DIAGNOSTICS,
                "Session diagnostics",
                "Describes your MCP session: age, idle time before this call, when it expires,"
                    + " the user it is bound to and the protocol version, plus how many sessions"
                    + " the server holds in total. Use it when calls fail with 'session not"
                    + " found'. Shows nothing about other sessions but counts.")
            .inputSchema(JsonSchema.object())
            .outputSchema(outputSchema())
            .build(),
        tool::run);
  }

  ToolResult run(ObjectNode arguments, ToolContext context) {
    Instant now = context.clock().instant();
    ObjectNode out = NODES.objectNode();
    out.put("environment", Display.lower(settings.environment()));
    String version = context.protocolVersion();
    out.put("protocol_version", version == null ? "unknown" : version);
    out.set("session", session(context.session().orElse(null), context.principal(), now));
    out.set("store", store(settings.sessionStore().orElse(null)));
    return ToolResult.structured(out);
  }

  /** The caller's session; {@code session} is {@code null} when the call has none. */
  private ObjectNode session(Session session, Principal caller, Instant now) {
    ObjectNode s = NODES.objectNode();
    s.put("present", session != null);
    if (session == null) {
      s.put(
          "reason",
          settings.environment() == Environment.DESKTOP
              ? "the stdio server has one connection and keeps no sessions"
              : "this call belongs to no session: protocol 2026-07-28 requests are stateless"
                  + " (earlier versions send Mcp-Session-Id)");
      return s;
    }
    s.put("id_fingerprint", UnverifiedToken.fingerprintOf(session.id()));
    s.put("bound", session.boundSubject() != null);
    boolean mine = caller.subject().equals(session.boundSubject());
    s.put("bound_to_caller", mine);
    if (mine) {
      s.put("bound_subject", caller.subject());
      s.put("bound_subject_fingerprint", caller.subjectFingerprint());
    } else {
      // A store never hands a caller another user's session; if one ever did, name nobody.
      LOG.warn("session_diagnostics saw a session not bound to its caller; subject not shown");
    }
    if (session.protocolVersion() != null) {
      s.put("protocol_version", session.protocolVersion());
    }
    s.put("created_at", session.createdAt().toString());
    s.put("age_seconds", Display.secondsBetween(session.createdAt(), now));
    s.put("last_seen_at", session.lastSeenAt().toString());
    s.put("idle_seconds_before_this_call", session.idleBeforeLastUse().getSeconds());
    session
        .expiry()
        .ifPresent(
            e -> {
              s.put("expires_at", e.toString());
              s.put("seconds_until_expiry", Display.secondsBetween(now, e));
            });
    return s;
  }

  /** Aggregate counts; {@code store} is {@code null} when the server keeps no sessions. */
  private static ObjectNode store(SessionStore store) {
    ObjectNode out = NODES.objectNode();
    if (store == null) {
      out.put("available", false);
      return out;
    }
    SessionStats stats;
    try {
      stats = store.stats();
    } catch (RuntimeException e) {
      LOG.warn("session statistics unavailable: {}", e.getClass().getName());
      out.put("available", false);
      return out;
    }
    out.put("available", true);
    out.put("active", stats.active());
    out.put("anonymous", stats.anonymous());
    out.put("created", stats.created());
    out.put("expired", stats.expired());
    out.put("evicted", stats.evicted());
    return out;
  }

  static ObjectNode outputSchema() {
    ObjectNode s = JsonSchema.object("environment", "protocol_version", "session", "store");
    JsonSchema.property(
        s, "environment", JsonSchema.enumOf("where the server runs", "web", "desktop"));
    JsonSchema.property(
        s, "protocol_version", JsonSchema.string("MCP protocol version of this call"));
    ObjectNode session = JsonSchema.object("present");
    JsonSchema.property(
        session, "present", JsonSchema.bool("whether this call belongs to a session"));
    JsonSchema.property(session, "reason", JsonSchema.string("why there is no session"));
    JsonSchema.property(
        session, "id_fingerprint", JsonSchema.string("sha256: fingerprint of your session id"));
    JsonSchema.property(
        session, "bound", JsonSchema.bool("whether the session is bound to a user"));
    JsonSchema.property(session, "bound_to_caller", JsonSchema.bool("whether that user is you"));
    JsonSchema.property(
        session, "bound_subject", JsonSchema.string("the user it is bound to (you)"));
    JsonSchema.property(
        session, "bound_subject_fingerprint", JsonSchema.string("8 hex digits of it"));
    JsonSchema.property(
        session, "protocol_version", JsonSchema.string("version negotiated at initialize"));
    JsonSchema.property(session, "created_at", JsonSchema.string("when it was created"));
    JsonSchema.property(session, "age_seconds", JsonSchema.integer("seconds since creation"));
    JsonSchema.property(session, "last_seen_at", JsonSchema.string("this call"));
    JsonSchema.property(
        session,
        "idle_seconds_before_this_call",
        JsonSchema.integer("seconds the session sat unused before this call"));
    JsonSchema.property(session, "expires_at", JsonSchema.string("when it ends unless used again"));
    JsonSchema.property(
        session, "seconds_until_expiry", JsonSchema.integer("seconds until expires_at"));
    JsonSchema.property(s, "session", session);
    ObjectNode store = JsonSchema.object("available");
    JsonSchema.property(
        store, "available", JsonSchema.bool("whether session counts are available"));
    JsonSchema.property(store, "active", JsonSchema.integer("sessions alive now"));
    JsonSchema.property(store, "anonymous", JsonSchema.integer("of which not yet bound to a user"));
    JsonSchema.property(store, "created", JsonSchema.integer("sessions created since start"));
    JsonSchema.property(store, "expired", JsonSchema.integer("sessions expired since start"));
    JsonSchema.property(
        store, "evicted", JsonSchema.integer("sessions evicted for room since start"));
    JsonSchema.property(s, "store", store);
    return s;
  }
}
