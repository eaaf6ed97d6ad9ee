package com.quiltdata.mcp.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Writes JSON answers. Refusals are a JSON-RPC error object ({@code id: null}) on the MCP endpoint
 * and an OAuth-style {@code {"error", "error_description"}} object elsewhere, with fixed texts
 * only, never request bytes or stack traces.
 */
final class JsonResponses {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String APPLICATION_JSON = "application/json";

  private JsonResponses() {}

  /** Sends the refusal. */
  static void reject(Context ctx, HttpRejection r) {
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      ctx.header(h.getKey(), h.getValue());
    }
    AccessRecord record = AccessRecord.of(ctx);
    if (record.outcome() == null) {
      record.outcome(r.error());
    }
    send(ctx, r.status(), body(isMcpPath(ctx.path()), r.rpcCode(), r.error(), r.getMessage()));
  }

  /** Sends a JSON body with {@code Cache-Control: no-store}. */
  static void send(Context ctx, int status, String json) {
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(APPLICATION_JSON);
    ctx.result(json);
  }

  /** The body of a refusal for the MCP endpoint or another path. */
  static String body(boolean mcp, int rpcCode, String error, String message) {
    ObjectNode body = JSON.createObjectNode();
    if (mcp) {
      body.put("jsonrpc", "2.0");
      body.putNull("id");
      ObjectNode e = body.putObject("error");
      e.put("code", rpcCode);
      e.put("message", message);
      e.putObject("data").put("reason", error);
    } else {
      body.put("error", error);
      body.put("error_description", message);
    }
    return write(body);
  }

  /** Serialises a tree built here (cannot fail for such trees). */
  static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON serialisation failed", e);
    }
  }

  static boolean isMcpPath(String path) {
    return path != null && (path.equals("/mcp") || path.startsWith("/mcp/"));
  }
}
