package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The response bounds of the hardening review: a result is measured as it is serialised (escapes
 * counted), large structured content is sent once, and a batch cannot add up past its bound.
 */
class ResultBoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tool answering {"text": n copies of c}. */
  private static McpEngine engine(ResultLimits limits, int n, char c) {
    return EngineHarness.builder(CountingAuthorizer.allowing())
        .resultLimits(limits)
        .addTool(
            CountingTool.simple(
                "big",
                (a, ctx) -> {
                  ObjectNode out = JSON.createObjectNode();
                  out.put("text", String.valueOf(c).repeat(n));
                  return ToolResult.structured(out);
                }))
        .build();
  }

  private static String call(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"big\",\"arguments\":{}}}";
  }

  @Test
  void oneMebibyteOfZeroBytes_escapesPastTheBound_andIsARefusalNotAHeapOfEscapes() {
    // 1 MiB of U+0000 is 6 MiB of JSON escapes: over the 4 MiB default, refused while writing
    EngineResponse r =
        send(
            engine(ResultLimits.DEFAULTS, 1 << 20, '\u0000'),
            call(1),
            legacy(TestPrincipals.alice(), "2025-06-18"));
    JsonNode result = body(r).get("result");
    assertTrue(result.get("isError").asBoolean());
    assertEquals("RESULT_TOO_LARGE", result.path("structuredContent").path("reason").asText());
    assertFalse(result.path("structuredContent").path("retryable").asBoolean());
    assertTrue(
        result.path("content").path(0).path("text").asText().contains("MCP_MAX_RESULT_BYTES"));
    assertTrue(r.body().orElseThrow().length() < 2048, "the refusal is small");
  }

  @Test
  void largeStructuredContent_isSentOnce_asTheClientsRevisionReadsIt() {
    McpEngine e = engine(ResultLimits.DEFAULTS, 100_000, 'x');
    JsonNode modern = body(send(e, call(1), legacy(TestPrincipals.alice(), "2025-06-18")));
    JsonNode r = modern.get("result");
    assertEquals(100_000, r.path("structuredContent").path("text").asText().length());
    String summary = r.path("content").path(0).path("text").asText();
    assertTrue(summary.startsWith("The result is in structuredContent"), summary);
    assertTrue(
        send(e, call(1), legacy(TestPrincipals.alice(), "2025-06-18")).body().get().length()
            < 101_000);

    JsonNode old = body(send(e, call(2), legacy(TestPrincipals.alice(), "2025-03-26")));
    JsonNode text = old.get("result");
    assertFalse(text.has("structuredContent"), "an older client reads the text block only");
    JsonNode inText;
    try {
      inText = JSON.readTree(text.path("content").path(0).path("text").asText());
    } catch (java.io.IOException ex) {
      throw new AssertionError(ex);
    }
    assertEquals(100_000, inText.path("text").asText().length());
  }

  @Test
  void smallStructuredContent_isInBothPlaces() {
    JsonNode r =
        body(send(
                engine(ResultLimits.DEFAULTS, 10, 'x'),
                call(1),
                legacy(TestPrincipals.alice(), "2025-06-18")))
            .get("result");
    assertEquals("{\"text\":\"xxxxxxxxxx\"}", r.path("content").path(0).path("text").asText());
    assertEquals("xxxxxxxxxx", r.path("structuredContent").path("text").asText());
  }

  @Test
  void aBatchWhoseResultsAddUpPastTheResponseBound_isOneJsonRpcError() {
    McpEngine e = engine(new ResultLimits(64 * 1024, 64 * 1024), 30_000, 'x');
    String batch = "[" + call(1) + "," + call(2) + "," + call(3) + "]";
    EngineResponse r = send(e, batch, legacy(TestPrincipals.alice(), "2025-03-26"));
    JsonNode error = body(r).get("error");
    assertEquals(ErrorCodes.INTERNAL_ERROR, error.path("code").asInt());
    assertEquals("response_too_large", error.path("data").path("reason").asText());
    assertTrue(error.path("message").asText().contains("MCP_MAX_RESPONSE_BYTES"));
    JsonNode two = body(send(e, "[" + call(1) + "]", legacy(TestPrincipals.alice(), "2025-03-26")));
    assertTrue(two.isArray(), "one such result fits");
  }

  @Test
  void limits_validateAndReadTheEnvironment() {
    assertThrows(IllegalArgumentException.class, () -> new ResultLimits(1024, 1 << 20));
    assertThrows(IllegalArgumentException.class, () -> new ResultLimits(1 << 20, 64 * 1024));
    assertEquals(ResultLimits.DEFAULTS, ResultLimits.fromEnvironment(Map.of()));
    assertEquals(
        new ResultLimits(1 << 20, 2 << 20),
        ResultLimits.fromEnvironment(
            Map.of("MCP_MAX_RESULT_BYTES", "1048576", "MCP_MAX_RESPONSE_BYTES", "2097152")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ResultLimits.fromEnvironment(
                    Map.of(
                        "MCP_MAX_RESULT_BYTES", "2097152", "MCP_MAX_RESPONSE_BYTES", "1048576")));
    assertTrue(e.getMessage().contains("MCP_MAX_RESPONSE_BYTES"), e.getMessage());
  }
}
