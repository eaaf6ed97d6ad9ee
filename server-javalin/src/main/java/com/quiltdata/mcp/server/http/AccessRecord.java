package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.TraceParent;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Set;

/**
 * What one request's access-log line says beyond the HTTP facts: the JSON-RPC method and tool, the
 * caller's subject fingerprint, the JSON-RPC error code and why a request was refused. Values from
 * the request are logged only when they are known MCP methods or registered tools (anything else is
 * {@code (other)}), so a log line never carries a token, a secret or control characters a caller
 * put there. Lives in a request attribute; one thread at a time.
 */
final class AccessRecord {
  private static final String ATTRIBUTE = AccessRecord.class.getName();
  private static final String OTHER = "(other)";

  /** MCP methods of every revision; other method names are logged as {@code (other)}. */
  static final Set<String> KNOWN_METHODS =
      Set.of(
          "initialize",
          "ping",
          "server/discover",
          "tools/list",
          "tools/call",
          "resources/list",
          "resources/read",
          "resources/templates/list",
          "resources/subscribe",
          "resources/unsubscribe",
          "prompts/list",
          "prompts/get",
          "completion/complete",
          "logging/setLevel",
          "notifications/initialized",
          "notifications/cancelled",
          "notifications/progress",
          "notifications/roots/list_changed");

  private String rpcMethod;
  private String tool;
  private String principal;
  private String era;
  private Integer rpcError;
  private String outcome;
  private boolean session;
  private boolean streamed;
  private boolean toolError;
  private String protocolVersion;
  private final long startedNanos = epochNanos(Instant.now());
  private RequestTracing.ServerSpan span = RequestTracing.ServerSpan.NONE;

  /** The record of this request, created on first use. */
  static AccessRecord of(Context ctx) {
    AccessRecord r = ctx.attribute(ATTRIBUTE);
    if (r == null) {
      r = new AccessRecord();
      ctx.attribute(ATTRIBUTE, r);
    }
    return r;
  }

  void rpcMethod(String method) {
    this.rpcMethod = method == null ? null : KNOWN_METHODS.contains(method) ? method : OTHER;
  }

  /** Records the tool name when it is one of {@code registered}. */
  void tool(String name, Set<String> registered) {
    this.tool = name == null ? null : registered.contains(name) ? name : OTHER;
  }

  void principal(String subjectFingerprint) {
    this.principal = subjectFingerprint;
  }

  void era(String era) {
    this.era = era;
  }

  void rpcError(Integer code) {
    this.rpcError = code;
  }

  void outcome(String outcome) {
    this.outcome = outcome;
  }

  void session(boolean session) {
    this.session = session;
  }

  String rpcMethod() {
    return rpcMethod;
  }

  String tool() {
    return tool;
  }

  String principal() {
    return principal;
  }

  String era() {
    return era;
  }

  Integer rpcError() {
    return rpcError;
  }

  String outcome() {
    return outcome;
  }

  /**
   * The request's W3C trace (the {@code traceparent} header, or the message's {@code _meta}, which
   * wins): its id goes in the access log and, through the logging context, on every log line of the
   * request and to the calls made for it.
   */
  void trace(TraceParent trace) {
    trace.enterLoggingContext();
  }

  /** When the request arrived, in nanoseconds since the epoch (the server span's start). */
  long startedNanos() {
    return startedNanos;
  }

  /** The request's server span, ended by {@link #endSpan}. */
  void span(RequestTracing.ServerSpan span) {
    this.span = span;
  }

  /** Ends the request's server span (if any) with the answer's status. Once only. */
  void endSpan(int httpStatus) {
    RequestTracing.ServerSpan s = span;
    span = RequestTracing.ServerSpan.NONE;
    s.end(this, httpStatus);
  }

  private static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Marks the answer as a tool result with {@code isError: true}. */
  void toolError(boolean toolError) {
    this.toolError = toolError;
  }

  boolean toolError() {
    return toolError;
  }

  /** The protocol version the request named or negotiated (unchecked: metrics keep known ones). */
  void protocolVersion(String version) {
    this.protocolVersion = version;
  }

  String protocolVersion() {
    return protocolVersion;
  }

  /** Marks the answer as an SSE stream. */
  void streamed(boolean streamed) {
    this.streamed = streamed;
  }

  boolean streamed() {
    return streamed;
  }

  boolean session() {
    return session;
  }
}
