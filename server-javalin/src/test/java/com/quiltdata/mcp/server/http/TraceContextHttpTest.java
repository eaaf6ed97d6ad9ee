package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Issue 14: the W3C trace of a request (the {@code traceparent} header, or {@code
 * _meta.traceparent}, which wins) is in the logging context of everything the request runs, and
 * gone for the next request on the same thread.
 */
class TraceContextHttpTest {
  private static final String HEADER_TRACE =
      "00-11111111111111111111111111111111-2222222222222222-01";
  private static final String META_TRACE =
      "00-33333333333333333333333333333333-4444444444444444-01";

  private ServerHarness h;
  private String token;
  private String session;

  @BeforeEach
  void start() {
    // one request thread at a time is not guaranteed, so every call checks its own answer
    h = new ServerHarness(c -> {}, List.of(traceTool()));
    token = h.token("alice");
    session = h.session(token);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void theHeadersTrace_isInTheToolsLoggingContext() {
    assertEquals("11111111111111111111111111111111", seen(HEADER_TRACE, null));
  }

  @Test
  void theMetaTrace_winsOverTheHeader() {
    assertEquals("33333333333333333333333333333333", seen(HEADER_TRACE, META_TRACE));
  }

  @Test
  void malformedTraces_areIgnored_andNoTraceOutlivesItsRequest() {
    for (int i = 0; i < 20; i++) {
      seen(HEADER_TRACE, null);
      assertEquals("none", seen(null, null), "a pooled thread starts clean");
      assertEquals(
          "none", seen("00-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-2222222222222222-01", "00-zz"));
    }
  }

  private String seen(String header, String meta) {
    String params =
        "\"name\":\"trace_echo\",\"arguments\":{}"
            + (meta == null ? "" : ",\"_meta\":{\"traceparent\":\"" + meta + "\"}");
    HttpRequest.Builder r =
        h.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{"
                    + params
                    + "}}")
            .header("Authorization", "Bearer " + token)
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", "2025-06-18");
    if (header != null) {
      r.header("traceparent", header);
    }
    var response = h.send(r);
    assertEquals(200, response.statusCode(), response.body());
    return ServerHarness.json(response)
        .path("result")
        .path("content")
        .path(0)
        .path("text")
        .asText();
  }

  private static Tool traceTool() {
    ObjectNode schema = ServerHarness.JSON.createObjectNode().put("type", "object");
    return Tool.of(
        ToolDefinition.builder("trace_echo")
            .description("answers the trace id of its logging context (test)")
            .inputSchema(schema)
            .requirements(ToolRequirements.builder("trace_echo").build())
            .build(),
        (args, ctx) -> {
          String id = MDC.get("trace_id");
          return ToolResult.text(id == null ? "none" : id);
        });
  }
}
