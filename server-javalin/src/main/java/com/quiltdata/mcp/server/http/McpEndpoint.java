package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.Cancellation;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.InboundMessage;
import com.quiltdata.mcp.tools.engine.McpEngine;
import com.quiltdata.mcp.tools.engine.ProtocolVersions;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Streamable HTTP endpoint ({@code /mcp}, {@code /mcp/}). The origin guard and header limit ran
 * before; here, in order: body limit (413), bearer (400/401), session (400/404), then the engine,
 * whose answer (including 403 {@code insufficient_scope}) is sent as it is.
 *
 * <ul>
 *   <li>{@code POST}: one JSON-RPC message (or a 2025-03-26 batch). A {@code tools/call} is
 *       answered as an SSE stream (see {@link EventStream}) when it has progress, log messages or
 *       takes longer than the keep-alive interval and the client accepts {@code text/event-stream};
 *       everything else is plain JSON.
 *   <li>{@code GET}: 405, no server-to-client stream is offered.
 *   <li>{@code DELETE}: ends the caller's legacy session (204, or 404 when unknown or another
 *       user's); 405 for 2026-07-28 clients, which have no sessions.
 * </ul>
 */
final class McpEndpoint {
  static final String ALLOW = "POST, DELETE, OPTIONS";
  private static final String PROTOCOL_VERSION = "MCP-Protocol-Version";

  private final McpEngine engine;
  private final SizeLimits limits;
  private final BearerStep bearer;
  private final SessionStep sessions;
  private final ResourceUrls urls;
  private final Set<String> toolNames;
  private final ScheduledExecutorService keepAlives;
  private final long keepAliveMillis;
  private final RequestTracing tracing;
  private final CpuSlots slots;

  McpEndpoint(
      McpEngine engine,
      SizeLimits limits,
      BearerStep bearer,
      SessionStep sessions,
      ResourceUrls urls,
      ScheduledExecutorService keepAlives,
      Duration keepAlive,
      RequestTracing tracing,
      CpuSlots slots) {
    this.tracing = tracing;
    this.slots = slots;
    this.engine = engine;
    this.limits = limits;
    this.bearer = bearer;
    this.sessions = sessions;
    this.urls = urls;
    this.keepAlives = keepAlives;
    this.keepAliveMillis = keepAlive.toMillis();
    Set<String> names = new HashSet<>();
    engine.tools().forEach(t -> names.add(t.name()));
    this.toolNames = Set.copyOf(names);
  }

  /**
   * Handles one POSTed message, in a CPU slot (given back while the call waits on I/O; the answer
   * is written by Javalin after the slot is gone).
   */
  void post(Context ctx) {
    try (CpuSlots.Slot slot = slots.enter()) {
      handlePost(ctx);
    }
  }

  private void handlePost(Context ctx) {
    // Headers first: a declared oversize body and a bad token are refused before a single body
    // byte is waited for, so a slow sender with a bad token pins no thread.
    limits.checkDeclaredLength(ctx);
    Principal principal;
    try {
      principal = bearer.authenticate(ctx);
    } catch (HttpRejection e) {
      // the body stays unread: the connection cannot carry another request
      throw ctx.req().getContentLengthLong() != 0 ? e.withHeader("Connection", "close") : e;
    }
    byte[] body = limits.readBody(ctx);
    InboundMessage message = engine.parse(body);
    AccessRecord record = AccessRecord.of(ctx);
    message.traceparent().ifPresent(record::trace);
    record.rpcMethod(message.method().orElse(null));
    record.tool(message.toolName().orElse(null), toolNames);
    record.era(message.era().name());
    // the server span, a child of the trace just recorded; its own trace goes to the calls made
    record.span(tracing.start(record));
    if (principal == null) {
      bearer.requireAnonymousAllowed(ctx, message);
    }
    Session session = sessions.resolve(ctx, message, principal);
    CallContext.Builder call =
        CallContext.http()
            .principal(principal)
            .session(session)
            .protocolVersionHeader(ctx.header(PROTOCOL_VERSION))
            .methodHeader(ctx.header("Mcp-Method"))
            .nameHeader(ctx.header("Mcp-Name"));
    EventStream stream = null;
    if (isToolCall(message)) {
      Cancellation cancellation = new Cancellation();
      boolean sse = EventStream.accepts(Collections.list(ctx.req().getHeaders("Accept")));
      stream = new EventStream(ctx, sse, cancellation);
      call.cancellation(cancellation).notifications(stream);
      stream.keepAliveEvery(keepAlives, keepAliveMillis);
    }
    EngineResponse response = engine.handle(message, call.build());
    record.toolError(response.toolError());
    record.protocolVersion(response.newSessionVersion().orElse(ctx.header(PROTOCOL_VERSION)));
    if (response.createsSession()) {
      sessions.create(ctx, principal, response.newSessionVersion().orElseThrow());
    }
    response.newLogLevel().ifPresent(level -> sessions.setLogLevel(session, principal, level));
    if (stream != null && stream.finish(response.body().orElse(null))) {
      AccessRecord.of(ctx).rpcError(response.errorCode().orElse(null));
      return;
    }
    send(ctx, response);
  }

  private static boolean isToolCall(InboundMessage message) {
    return message.kind() == InboundMessage.Kind.REQUEST
        && "tools/call".equals(message.method().orElse(null));
  }

  /** GET: no stream is offered. */
  void get(Context ctx) {
    throw methodNotAllowed();
  }

  /** DELETE: ends the caller's session. */
  void delete(Context ctx) {
    try (CpuSlots.Slot slot = slots.enter()) {
      handleDelete(ctx);
    }
  }

  private void handleDelete(Context ctx) {
    if (ProtocolVersions.isModern(ctx.header(PROTOCOL_VERSION))) {
      throw methodNotAllowed();
    }
    Principal principal = bearer.authenticate(ctx);
    if (principal == null && !bearer.anonymousAllowed()) {
      throw bearer.tokenRequired(ctx);
    }
    sessions.terminate(ctx, principal);
    ctx.header("Cache-Control", "no-store");
    ctx.status(204);
  }

  private void send(Context ctx, EngineResponse response) {
    AccessRecord.of(ctx).rpcError(response.errorCode().orElse(null));
    String description = response.challengeDescription().orElse(null);
    switch (response.challenge()) {
      case AUTHENTICATION_REQUIRED:
        ctx.header(Challenges.HEADER, Challenges.tokenRequired(urls.metadata(ctx)));
        break;
      case INSUFFICIENT_SCOPE:
        ctx.header(
            Challenges.HEADER, Challenges.insufficientScope(urls.metadata(ctx), description));
        break;
      default:
        break;
    }
    if (response.hasBody()) {
      JsonResponses.send(ctx, status(response.outcome()), response.body().orElseThrow());
    } else {
      ctx.header("Cache-Control", "no-store");
      ctx.status(status(response.outcome()));
    }
  }

  /** The HTTP status of an engine outcome (the engine itself knows nothing of HTTP). */
  static int status(EngineResponse.Outcome outcome) {
    switch (outcome) {
      case ANSWER:
        return 200;
      case NO_ANSWER:
        return 202;
      case REJECTED:
        return 400;
      case UNAUTHENTICATED:
        return 401;
      case FORBIDDEN:
        return 403;
      case UNKNOWN_METHOD:
        return 404;
      case TOO_LARGE:
        return 413;
      default:
        return 500;
    }
  }

  static HttpRejection methodNotAllowed() {
    return HttpRejection.of(
            405,
            HttpRejection.TRANSPORT_ERROR,
            "method_not_allowed",
            "Method not allowed: POST JSON-RPC messages to this endpoint; no server-to-client"
                + " stream is offered, and 2026-07-28 clients have no session to delete.")
        .withHeader("Allow", ALLOW);
  }
}
