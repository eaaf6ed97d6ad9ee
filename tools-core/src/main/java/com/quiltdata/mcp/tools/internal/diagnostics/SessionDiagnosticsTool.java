package com.quiltdata.mcp.tools.internal.diagnostics;

import static com.quiltdata.mcp.tools.internal.diagnostics.Shapes.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.SessionStore.SessionStats;
import com.quiltdata.mcp.jwt.UnverifiedToken;
import com.quiltdata.mcp.tools.DiagnosticsTools;
import com.quiltdata.mcp.tools.DiagnosticsTools.Environment;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolResult;
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
        Shapes.definition(
                DiagnosticsTools.SESSION_DIAGNOSTICS,
                "Session diagnostics",
                "Describes your MCP session: age, idle time before this call, when it expires,"
                    + " the user it is bound to and the protocol version, plus how many sessions"
                    + " the server holds in total. Use it when calls fail with 'session not"
                    + " found'. Shows nothing about other sessions but counts.")
            .inputSchema(Shapes.noArguments())
            .outputSchema(outputSchema())
            .build(),
        tool::run);
  }

  ToolResult run(ObjectNode arguments, ToolContext context) {
    Instant now = context.clock().instant();
    ObjectNode out = NODES.objectNode();
    out.put("environment", Shapes.lower(settings.environment()));
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
    s.put("age_seconds", Shapes.secondsBetween(session.createdAt(), now));
    s.put("last_seen_at", session.lastSeenAt().toString());
    s.put("idle_seconds_before_this_call", session.idleBeforeLastUse().getSeconds());
    session
        .expiry()
        .ifPresent(
            e -> {
              s.put("expires_at", e.toString());
              s.put("seconds_until_expiry", Shapes.secondsBetween(now, e));
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
    ObjectNode s = Shapes.object("environment", "protocol_version", "session", "store");
    Shapes.with(s, "environment", Shapes.oneOf("where the server runs", "web", "desktop"));
    Shapes.with(s, "protocol_version", Shapes.string("MCP protocol version of this call"));
    ObjectNode session = Shapes.object("present");
    Shapes.with(session, "present", Shapes.bool("whether this call belongs to a session"));
    Shapes.with(session, "reason", Shapes.string("why there is no session"));
    Shapes.with(session, "id_fingerprint", Shapes.string("sha256: fingerprint of your session id"));
    Shapes.with(session, "bound", Shapes.bool("whether the session is bound to a user"));
    Shapes.with(session, "bound_to_caller", Shapes.bool("whether that user is you"));
    Shapes.with(session, "bound_subject", Shapes.string("the user it is bound to (you)"));
    Shapes.with(session, "bound_subject_fingerprint", Shapes.string("8 hex digits of it"));
    Shapes.with(session, "protocol_version", Shapes.string("version negotiated at initialize"));
    Shapes.with(session, "created_at", Shapes.string("when it was created"));
    Shapes.with(session, "age_seconds", Shapes.integer("seconds since creation"));
    Shapes.with(session, "last_seen_at", Shapes.string("this call"));
    Shapes.with(
        session,
        "idle_seconds_before_this_call",
        Shapes.integer("seconds the session sat unused before this call"));
    Shapes.with(session, "expires_at", Shapes.string("when it ends unless used again"));
    Shapes.with(session, "seconds_until_expiry", Shapes.integer("seconds until expires_at"));
    Shapes.with(s, "session", session);
    ObjectNode store = Shapes.object("available");
    Shapes.with(store, "available", Shapes.bool("whether session counts are available"));
    Shapes.with(store, "active", Shapes.integer("sessions alive now"));
    Shapes.with(store, "anonymous", Shapes.integer("of which not yet bound to a user"));
    Shapes.with(store, "created", Shapes.integer("sessions created since start"));
    Shapes.with(store, "expired", Shapes.integer("sessions expired since start"));
    Shapes.with(store, "evicted", Shapes.integer("sessions evicted for room since start"));
    Shapes.with(s, "store", store);
    return s;
  }
}
