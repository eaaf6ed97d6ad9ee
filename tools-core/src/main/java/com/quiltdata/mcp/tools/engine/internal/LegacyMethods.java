package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import com.quiltdata.mcp.tools.engine.InboundMessage.Kind;
import com.quiltdata.mcp.tools.engine.ProtocolVersions;
import java.util.Optional;

/** Methods of the session-capable revisions (2024-11-05 .. 2025-11-25). */
final class LegacyMethods {
  private final EngineSettings settings;
  private final ToolCatalog catalog;
  private final ToolInvoker invoker;
  private final InFlightCalls inFlight;

  LegacyMethods(
      EngineSettings settings, ToolCatalog catalog, ToolInvoker invoker, InFlightCalls inFlight) {
    this.settings = settings;
    this.catalog = catalog;
    this.invoker = invoker;
    this.inFlight = inFlight;
  }

  Reply handle(ParsedMessage m, CallContext context) {
    String method = m.method().orElseThrow();
    String header = context.protocolVersionHeader().orElse(null);
    if (context.transport() == CallContext.Transport.HTTP && !m.isInitialize() && header != null) {
      if (ProtocolVersions.isModern(header)) {
        return Reply.error(
            m.id(),
            Outcome.REJECTED,
            ErrorCodes.HEADER_MISMATCH,
            "Header mismatch: MCP-Protocol-Version names a 2026-07-28 request but params._meta"
                + " carries no protocol version");
      }
      if (!ProtocolVersions.isLegacy(header)) {
        ObjectNode data = JsonCodec.NODES.objectNode();
        ArrayNode supported = data.putArray("supported");
        ProtocolVersions.LEGACY.forEach(supported::add);
        return Reply.error(
            m.id(),
            Outcome.REJECTED,
            ErrorCodes.INVALID_REQUEST,
            "Unsupported MCP-Protocol-Version header; use the version initialize returned",
            data);
      }
    }
    String version =
        header != null && !m.isInitialize()
            ? header
            : context.negotiatedVersion().orElse(ProtocolVersions.LEGACY_DEFAULT);
    if (m.kind() == Kind.NOTIFICATION) {
      if ("notifications/cancelled".equals(method)) {
        inFlight.cancelFrom(m, context.cancellationScope().orElse(null));
      }
      return Reply.none();
    }
    switch (method) {
      case ParsedMessage.INITIALIZE:
        return initialize(m);
      case "ping":
        return Reply.result(m.id(), JsonCodec.NODES.objectNode());
      case "tools/list":
        return catalog.list(m);
      case ParsedMessage.TOOLS_CALL:
        return invoker.call(m, context, version);
      case "logging/setLevel":
        return setLevel(m);
      default:
        return Reply.error(m.id(), Outcome.ANSWER, ErrorCodes.METHOD_NOT_FOUND, "Method not found");
    }
  }

  private Reply initialize(ParsedMessage m) {
    ObjectNode params = m.params();
    JsonNode requested = params == null ? null : params.get("protocolVersion");
    if (requested == null || !requested.isTextual()) {
      return Reply.error(
          m.id(),
          Outcome.ANSWER,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: initialize needs 'protocolVersion' (a string)");
    }
    String negotiated = ProtocolVersions.negotiate(requested.textValue());
    ObjectNode result = JsonCodec.NODES.objectNode();
    result.put("protocolVersion", negotiated);
    result.set("capabilities", capabilities());
    result.set("serverInfo", serverInfo(settings));
    if (settings.instructions() != null) {
      result.put("instructions", settings.instructions());
    }
    return Reply.result(m.id(), result).withSession(negotiated);
  }

  /**
   * {@code logging/setLevel}: the session's (or connection's) threshold for the tools' log
   * messages; the adapter keeps it (see {@code EngineResponse#newLogLevel()}).
   */
  private static Reply setLevel(ParsedMessage m) {
    ObjectNode params = m.params();
    JsonNode level = params == null ? null : params.get("level");
    Optional<LogLevel> parsed =
        level != null && level.isTextual()
            ? LogLevel.fromWire(level.textValue())
            : Optional.empty();
    if (parsed.isEmpty()) {
      return Reply.error(
          m.id(),
          Outcome.ANSWER,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: 'level' must be one of debug, info, notice, warning, error, critical,"
              + " alert, emergency");
    }
    return Reply.result(m.id(), JsonCodec.NODES.objectNode()).withLogLevel(parsed.get().wireName());
  }

  static ObjectNode capabilities() {
    ObjectNode caps = JsonCodec.NODES.objectNode();
    caps.putObject("tools").put("listChanged", false);
    caps.putObject("logging");
    return caps;
  }

  static ObjectNode serverInfo(EngineSettings settings) {
    return JsonCodec.NODES
        .objectNode()
        .put("name", settings.serverName())
        .put("version", settings.serverVersion());
  }
}
