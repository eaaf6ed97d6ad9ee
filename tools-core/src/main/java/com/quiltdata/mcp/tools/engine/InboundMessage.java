package com.quiltdata.mcp.tools.engine;

import com.quiltdata.mcp.auth.TraceParent;
import java.util.Optional;

/**
 * One parsed transport message (an HTTP POST body or a stdio line), classified so the adapter can
 * decide about sessions and anonymous access before the engine handles it. Obtained only from
 * {@link McpEngine#parse(byte[])}; immutable and safe to pass between threads.
 *
 * <p>Typical adapter logic (HTTP):
 *
 * <pre>{@code
 * InboundMessage in = engine.parse(body);
 * if (in.era() == Era.LEGACY && in.requiresSession()) {
 *   // no Mcp-Session-Id -> 400; unknown/other user's session -> 404
 * }
 * EngineResponse out = engine.handle(in, context);
 * }</pre>
 */
public interface InboundMessage {
  /** What the transport message contains. */
  enum Kind {
    /** A JSON-RPC request (has an id and a method). */
    REQUEST,
    /** A JSON-RPC notification (method, no id). */
    NOTIFICATION,
    /** A JSON-RPC response sent by the client (result or error, no method). */
    RESPONSE,
    /** A JSON array of messages. */
    BATCH,
    /**
     * Not acceptable as JSON-RPC: parse error, too large, invalid request. {@link McpEngine#handle}
     * answers it with the prepared error without running anything.
     */
    INVALID
  }

  /** The message kind. */
  Kind kind();

  /**
   * {@link Era#MODERN} when the request's {@code params._meta} carries {@link
   * ProtocolVersions#META_PROTOCOL_VERSION} (whatever its value), else {@link Era#LEGACY}. Batches
   * and invalid messages are LEGACY.
   */
  Era era();

  /** The JSON-RPC method (for REQUEST and NOTIFICATION). */
  Optional<String> method();

  /** The tool name of a {@code tools/call} request, when {@code params.name} is a string. */
  Optional<String> toolName();

  /**
   * The protocol version the body asks for: {@code params._meta} version for MODERN requests,
   * {@code params.protocolVersion} for {@code initialize}.
   */
  Optional<String> requestedVersion();

  /**
   * Whether this is a legacy {@code initialize} request (which creates a session when it succeeds).
   */
  boolean isInitialize();

  /**
   * Whether a legacy HTTP adapter must find an existing session for this message: true for every
   * LEGACY message except {@code initialize} and INVALID messages; false for MODERN ones.
   */
  boolean requiresSession();

  /**
   * Whether the message is part of the handshake/probing surface that an adapter policy may allow
   * without a token: {@code initialize}, {@code notifications/initialized}, {@code ping}, {@code
   * server/discover}. {@code tools/call} is never anonymous, whatever the policy.
   */
  boolean isHandshake();

  /** Size of the transport message in bytes. */
  int sizeBytes();

  /**
   * The W3C trace context of a single request's {@code params._meta.traceparent} (spelled out by
   * 2026-07-28, accepted in every revision), when well-formed.
   */
  Optional<TraceParent> traceparent();
}
