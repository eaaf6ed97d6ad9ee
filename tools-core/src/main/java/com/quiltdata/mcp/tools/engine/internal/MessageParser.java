package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.engine.EngineLimits;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.Era;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import com.quiltdata.mcp.tools.engine.InboundMessage.Kind;
import com.quiltdata.mcp.tools.engine.ProtocolVersions;
import java.util.ArrayList;
import java.util.List;

/** Turns transport bytes into classified {@link ParsedMessage}s. Thread-safe. */
final class MessageParser {
  private static final int MAX_ID_LENGTH = 256;
  private static final int MAX_METHOD_LENGTH = 128;

  private final JsonCodec codec;
  private final EngineLimits limits;
  private final Object owner;

  MessageParser(EngineLimits limits, Object owner) {
    this.codec = new JsonCodec(limits);
    this.limits = limits;
    this.owner = owner;
  }

  ParsedMessage parse(byte[] body) {
    if (body == null) {
      return invalid(
          Reply.error(
              null, Outcome.REJECTED, ErrorCodes.PARSE_ERROR, JsonCodec.Failure.EMPTY.message),
          0);
    }
    int size = body.length;
    if (size > limits.maxBodyBytes()) {
      return invalid(
          Reply.error(
              null,
              Outcome.TOO_LARGE,
              ErrorCodes.INVALID_REQUEST,
              "Request too large: the message exceeds " + limits.maxBodyBytes() + " bytes"),
          size);
    }
    JsonNode root;
    try {
      root = codec.read(body);
    } catch (JsonCodec.ReadException e) {
      return invalid(
          Reply.error(null, Outcome.REJECTED, ErrorCodes.PARSE_ERROR, e.failure.message), size);
    }
    if (root.isArray()) {
      if (root.isEmpty()) {
        return invalid(
            Reply.error(
                null,
                Outcome.REJECTED,
                ErrorCodes.INVALID_REQUEST,
                "Invalid request: empty JSON-RPC batch"),
            size);
      }
      if (root.size() > limits.maxBatchSize()) {
        return invalid(
            Reply.error(
                null,
                Outcome.REJECTED,
                ErrorCodes.INVALID_REQUEST,
                "Invalid request: a batch may hold at most " + limits.maxBatchSize() + " messages"),
            size);
      }
      List<ParsedMessage> elements = new ArrayList<>(root.size());
      for (JsonNode element : root) {
        elements.add(classify(element, 0));
      }
      return ParsedMessage.batch(elements, size, owner);
    }
    return classify(root, size);
  }

  private ParsedMessage classify(JsonNode node, int size) {
    if (!(node instanceof ObjectNode object)) {
      return invalid(
          invalidRequest(null, "Invalid request: a JSON-RPC message must be a JSON object"), size);
    }
    JsonNode idNode = object.get("id");
    boolean hasId = object.has("id");
    JsonNode id = validId(idNode) ? idNode : null;
    if (hasId && id == null) {
      return invalid(
          invalidRequest(
              null,
              "Invalid request: 'id' must be a string (at most "
                  + MAX_ID_LENGTH
                  + " characters) or an integer, never null"),
          size);
    }
    JsonNode version = object.get("jsonrpc");
    if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
      return invalid(invalidRequest(id, "Invalid request: 'jsonrpc' must be \"2.0\""), size);
    }
    JsonNode methodNode = object.get("method");
    if (methodNode == null) {
      if (hasId && (object.has("result") ^ object.has("error"))) {
        return ParsedMessage.single(
            Kind.RESPONSE, Era.LEGACY, object, id, null, null, null, size, owner);
      }
      return invalid(
          invalidRequest(id, "Invalid request: a message needs 'method' (or 'result'/'error')"),
          size);
    }
    if (!methodNode.isTextual()
        || methodNode.textValue().isEmpty()
        || methodNode.textValue().length() > MAX_METHOD_LENGTH) {
      return invalid(invalidRequest(id, "Invalid request: 'method' must be a short string"), size);
    }
    JsonNode params = object.get("params");
    if (params != null && !params.isObject()) {
      return invalid(
          invalidRequest(id, "Invalid request: 'params' must be a JSON object when present"), size);
    }
    String method = methodNode.textValue();
    Era era = Era.LEGACY;
    String requested = null;
    String toolName = null;
    if (params != null) {
      JsonNode meta = params.get("_meta");
      if (meta != null && meta.isObject() && meta.has(ProtocolVersions.META_PROTOCOL_VERSION)) {
        era = Era.MODERN;
        JsonNode v = meta.get(ProtocolVersions.META_PROTOCOL_VERSION);
        requested = v.isTextual() ? v.textValue() : null;
      } else if (ParsedMessage.INITIALIZE.equals(method)) {
        JsonNode v = params.get("protocolVersion");
        requested = v != null && v.isTextual() ? v.textValue() : null;
      }
      if (ParsedMessage.TOOLS_CALL.equals(method)) {
        JsonNode n = params.get("name");
        toolName = n != null && n.isTextual() ? n.textValue() : null;
      }
    }
    Kind kind = hasId ? Kind.REQUEST : Kind.NOTIFICATION;
    return ParsedMessage.single(kind, era, object, id, method, toolName, requested, size, owner);
  }

  private static boolean validId(JsonNode id) {
    if (id == null) {
      return false;
    }
    if (id.isTextual()) {
      return id.textValue().length() <= MAX_ID_LENGTH;
    }
    return id.isIntegralNumber() && id.canConvertToLong();
  }

  private static Reply invalidRequest(JsonNode id, String message) {
    return Reply.error(id, Outcome.REJECTED, ErrorCodes.INVALID_REQUEST, message);
  }

  private ParsedMessage invalid(Reply reply, int size) {
    return ParsedMessage.invalid(reply, size, owner);
  }
}
