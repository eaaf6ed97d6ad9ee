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

/**
 * Methods of the stateless revision (2026-07-28): routing headers must match the body, the
 * per-request version must be supported, results carry {@code resultType}, list results carry cache
 * hints, unknown methods are HTTP 404.
 */
final class ModernMethods {

  private final EngineSettings settings;
  private final ToolCatalog catalog;
  private final ToolInvoker invoker;
  private final InFlightCalls inFlight;

  ModernMethods(
      EngineSettings settings, ToolCatalog catalog, ToolInvoker invoker, InFlightCalls inFlight) {
    this.settings = settings;
    this.catalog = catalog;
    this.invoker = invoker;
    this.inFlight = inFlight;
  }

  Reply handle(ParsedMessage m, CallContext context) {
    String method = m.method().orElseThrow();
    String requested = m.requestedVersion().orElse(null);
    if (context.transport() == CallContext.Transport.HTTP) {
      String mismatch = headerMismatch(m, context, method, requested);
      if (mismatch != null) {
        ObjectNode data = JsonCodec.NODES.objectNode().put("header", mismatch);
        return Reply.error(
            m.id(),
            Outcome.REJECTED,
            ErrorCodes.HEADER_MISMATCH,
            "Header mismatch: the " + mismatch + " header must be present and match the body",
            data);
      }
    }
    if (requested == null) {
      return Reply.error(
          m.id(),
          Outcome.REJECTED,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: _meta['"
              + ProtocolVersions.META_PROTOCOL_VERSION
              + "'] must be a string");
    }
    if (!ProtocolVersions.isModern(requested)) {
      ObjectNode data = JsonCodec.NODES.objectNode();
      ArrayNode supported = data.putArray("supported");
      ProtocolVersions.MODERN.forEach(supported::add);
      return Reply.error(
          m.id(),
          Outcome.REJECTED,
          ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
          "Unsupported protocol version",
          data);
    }
    JsonNode caps = m.params().get("_meta").get(ProtocolVersions.META_CLIENT_CAPABILITIES);
    if (caps != null && !caps.isObject()) {
      return Reply.error(
          m.id(),
          Outcome.REJECTED,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: _meta['"
              + ProtocolVersions.META_CLIENT_CAPABILITIES
              + "'] must be an object");
    }
    JsonNode level = m.params().get("_meta").get(ProtocolVersions.META_LOG_LEVEL);
    if (level != null && requestedLogLevel(m).isEmpty()) {
      return Reply.error(
          m.id(),
          Outcome.REJECTED,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: _meta['"
              + ProtocolVersions.META_LOG_LEVEL
              + "'] must be one of debug, info, notice, warning, error, critical, alert,"
              + " emergency");
    }
    if (m.kind() == Kind.NOTIFICATION) {
      if ("notifications/cancelled".equals(method)) {
        inFlight.cancelFrom(m, context.cancellationScope().orElse(null));
      }
      return Reply.none();
    }
    switch (method) {
      case "server/discover":
        return complete(Reply.result(m.id(), discover()), true);
      case "tools/list":
        return complete(catalog.list(m), true);
      case ParsedMessage.TOOLS_CALL:
        return complete(invoker.call(m, context, requested), false);
      default:
        return Reply.error(
            m.id(), Outcome.UNKNOWN_METHOD, ErrorCodes.METHOD_NOT_FOUND, "Method not found");
    }
  }

  /** The log level a modern request asks for in its {@code _meta}, if a valid one. */
  static Optional<LogLevel> requestedLogLevel(ParsedMessage m) {
    ObjectNode params = m.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    JsonNode level = meta == null ? null : meta.get(ProtocolVersions.META_LOG_LEVEL);
    return level != null && level.isTextual()
        ? LogLevel.fromWire(level.textValue())
        : Optional.empty();
  }

  private static String headerMismatch(
      ParsedMessage m, CallContext context, String method, String requested) {
    String version = context.protocolVersionHeader().orElse(null);
    if (version == null || !version.equals(requested)) {
      return "MCP-Protocol-Version";
    }
    if (!method.equals(context.methodHeader().orElse(null))) {
      return "Mcp-Method";
    }
    String tool = m.toolName().orElse(null);
    if (ParsedMessage.TOOLS_CALL.equals(method)
        && tool != null
        && !tool.equals(context.nameHeader().orElse(null))) {
      return "Mcp-Name";
    }
    return null;
  }

  private ObjectNode discover() {
    ObjectNode result = JsonCodec.NODES.objectNode();
    ArrayNode versions = result.putArray("supportedVersions");
    ProtocolVersions.MODERN.forEach(versions::add);
    result.set("capabilities", LegacyMethods.capabilities());
    result.set("serverInfo", LegacyMethods.serverInfo(settings));
    if (settings.instructions() != null) {
      result.put("instructions", settings.instructions());
    }
    return result;
  }

  private Reply complete(Reply reply, boolean cacheable) {
    JsonNode body = reply.body();
    JsonNode result = body == null ? null : body.get("result");
    if (result instanceof ObjectNode r) {
      r.put("resultType", "complete");
      if (cacheable) {
        r.put("ttlMs", settings.listTtl().toMillis());
        r.put("cacheScope", settings.listCacheScope());
      }
    }
    return reply;
  }
}
