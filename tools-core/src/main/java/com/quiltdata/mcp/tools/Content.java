package com.quiltdata.mcp.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** Factories for MCP content blocks used in tool results. */
public final class Content {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Content() {}

  /** {@code {"type":"text","text":...}}. */
  public static ObjectNode text(String text) {
    return NODES.objectNode().put("type", "text").put("text", Objects.requireNonNull(text, "text"));
  }

  /** {@code {"type":"image","data":base64,"mimeType":...}}. */
  public static ObjectNode image(String base64Data, String mimeType) {
    return NODES
        .objectNode()
        .put("type", "image")
        .put("data", Objects.requireNonNull(base64Data, "base64Data"))
        .put("mimeType", Objects.requireNonNull(mimeType, "mimeType"));
  }

  /** {@code {"type":"audio","data":base64,"mimeType":...}}. */
  public static ObjectNode audio(String base64Data, String mimeType) {
    return NODES
        .objectNode()
        .put("type", "audio")
        .put("data", Objects.requireNonNull(base64Data, "base64Data"))
        .put("mimeType", Objects.requireNonNull(mimeType, "mimeType"));
  }

  /** An embedded text resource: {@code {"type":"resource","resource":{uri,mimeType,text}}}. */
  public static ObjectNode textResource(String uri, String mimeType, String text) {
    ObjectNode block = NODES.objectNode().put("type", "resource");
    block
        .putObject("resource")
        .put("uri", Objects.requireNonNull(uri, "uri"))
        .put("mimeType", Objects.requireNonNull(mimeType, "mimeType"))
        .put("text", Objects.requireNonNull(text, "text"));
    return block;
  }
}
