package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.TraceParent;
import com.quiltdata.mcp.tools.engine.Era;
import com.quiltdata.mcp.tools.engine.InboundMessage;
import java.util.List;
import java.util.Optional;

/** The engine's {@link InboundMessage}: classification plus the parsed tree (never exposed). */
final class ParsedMessage implements InboundMessage {
  static final String INITIALIZE = "initialize";
  static final String TOOLS_CALL = "tools/call";

  private final Kind kind;
  private final Era era;
  private final ObjectNode node;
  private final JsonNode id;
  private final String method;
  private final String toolName;
  private final String requestedVersion;
  private final List<ParsedMessage> elements;
  private final Reply invalidReply;
  private final int sizeBytes;
  private final Object owner;

  private ParsedMessage(
      Kind kind,
      Era era,
      ObjectNode node,
      JsonNode id,
      String method,
      String toolName,
      String requestedVersion,
      List<ParsedMessage> elements,
      Reply invalidReply,
      int sizeBytes,
      Object owner) {
    this.kind = kind;
    this.era = era;
    this.node = node;
    this.id = id;
    this.method = method;
    this.toolName = toolName;
    this.requestedVersion = requestedVersion;
    this.elements = elements;
    this.invalidReply = invalidReply;
    this.sizeBytes = sizeBytes;
    this.owner = owner;
  }

  static ParsedMessage invalid(Reply reply, int sizeBytes, Object owner) {
    return new ParsedMessage(
        Kind.INVALID, Era.LEGACY, null, null, null, null, null, List.of(), reply, sizeBytes, owner);
  }

  static ParsedMessage single(
      Kind kind,
      Era era,
      ObjectNode node,
      JsonNode id,
      String method,
      String toolName,
      String requestedVersion,
      int sizeBytes,
      Object owner) {
    return new ParsedMessage(
        kind, era, node, id, method, toolName, requestedVersion, List.of(), null, sizeBytes, owner);
  }

  static ParsedMessage batch(List<ParsedMessage> elements, int sizeBytes, Object owner) {
    return new ParsedMessage(
        Kind.BATCH,
        Era.LEGACY,
        null,
        null,
        null,
        null,
        null,
        List.copyOf(elements),
        null,
        sizeBytes,
        owner);
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public Era era() {
    return era;
  }

  @Override
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  @Override
  public Optional<String> toolName() {
    return Optional.ofNullable(toolName);
  }

  @Override
  public Optional<String> requestedVersion() {
    return Optional.ofNullable(requestedVersion);
  }

  @Override
  public boolean isInitialize() {
    return kind == Kind.REQUEST && era == Era.LEGACY && INITIALIZE.equals(method);
  }

  @Override
  public boolean requiresSession() {
    return era == Era.LEGACY && kind != Kind.INVALID && !isInitialize();
  }

  @Override
  public boolean isHandshake() {
    if (method == null || kind == Kind.RESPONSE) {
      return false;
    }
    switch (method) {
      case INITIALIZE:
      case "notifications/initialized":
      case "ping":
      case "server/discover":
        return true;
      default:
        return false;
    }
  }

  @Override
  public int sizeBytes() {
    return sizeBytes;
  }

  /** The parsed request object (single messages only). */
  ObjectNode node() {
    return node;
  }

  /** The request id, or null for notifications. */
  JsonNode id() {
    return id;
  }

  /** The params object, or null when absent. */
  ObjectNode params() {
    JsonNode p = node == null ? null : node.get("params");
    return p instanceof ObjectNode o ? o : null;
  }

  @Override
  public Optional<TraceParent> traceparent() {
    ObjectNode p = params();
    JsonNode meta = p == null ? null : p.get("_meta");
    JsonNode value = meta == null ? null : meta.get(TraceParent.HEADER);
    return value != null && value.isTextual()
        ? TraceParent.parse(value.textValue())
        : Optional.empty();
  }

  /** Batch elements. */
  List<ParsedMessage> elements() {
    return elements;
  }

  /** The prepared answer of an INVALID message. */
  Reply invalidReply() {
    return invalidReply;
  }

  /** Whether this message was parsed by the given engine. */
  boolean ownedBy(Object engine) {
    return owner == engine;
  }

  @Override
  public String toString() {
    return "InboundMessage["
        + kind
        + ", "
        + era
        + (method == null ? "" : ", method=" + method)
        + ", bytes="
        + sizeBytes
        + "]";
  }
}
