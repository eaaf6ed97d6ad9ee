package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.errorCode;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolsListPaginationTest {
  private final CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");

  private static McpEngine engineWith(int tools, int pageSize) {
    McpEngine.Builder b =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .limits(EngineLimits.DEFAULTS.withPageSize(pageSize));
    for (int i = 0; i < tools; i++) {
      b.addTool(CountingTool.bucketTool("tool_" + i));
    }
    return b.build();
  }

  private JsonNode list(McpEngine engine, String cursor) {
    String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
    return body(
        send(
            engine,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + params + "}",
            alice));
  }

  @Test
  void list_pages_coverEveryToolOnceAndOmitCursorOnLastPage() {
    McpEngine engine = engineWith(5, 2);
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode result = list(engine, cursor).get("result");
      result.get("tools").forEach(t -> names.add(t.get("name").asText()));
      cursor = result.has("nextCursor") ? result.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null);
    assertEquals(3, pages);
    assertEquals(List.of("tool_0", "tool_1", "tool_2", "tool_3", "tool_4"), names);
  }

  @Test
  void list_singlePage_hasNoNextCursor() {
    JsonNode result = list(engineWith(2, 50), null).get("result");
    assertEquals(2, result.get("tools").size());
    assertFalse(result.has("nextCursor"));
  }

  @Test
  void list_withoutParams_works() {
    JsonNode b =
        body(
            send(
                engineWith(1, 50),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                alice));
    assertEquals(1, b.path("result").path("tools").size());
  }

  @Test
  void list_toolEntries_carryNameDescriptionSchemas() {
    McpEngine engine =
        EngineHarness.builder(CountingAuthorizer.allowing()).addTool(typedTool()).build();
    JsonNode tool = list(engine, null).path("result").path("tools").get(0);
    assertEquals("typed", tool.get("name").asText());
    assertTrue(tool.get("description").asText().length() > 10);
    assertEquals("object", tool.path("inputSchema").path("type").asText());
    assertTrue(tool.has("outputSchema"));
    assertTrue(tool.path("annotations").path("readOnlyHint").asBoolean());
  }

  /** A tool with an output schema requiring {@code count} and read-only annotations. */
  private static Tool typedTool() {
    return Tool.of(
        ToolDefinition.builder("typed")
            .description("a tool with typed output")
            .inputSchema(CountingTool.schema("{\"type\":\"object\"}"))
            .outputSchema(
                CountingTool.schema(
                    "{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}},"
                        + "\"required\":[\"count\"]}"))
            .annotations(CountingTool.schema("{\"readOnlyHint\":true}"))
            .requirements(ToolRequirements.open("typed"))
            .build(),
        (a, c) -> ToolResult.text("unused"));
  }

  @Test
  void listedOutputSchema_admitsTheFailureShape_besideTheToolsOwnRequiredMembers() {
    McpEngine engine =
        EngineHarness.builder(CountingAuthorizer.allowing()).addTool(typedTool()).build();
    JsonNode schema = list(engine, null).path("result").path("tools").get(0).path("outputSchema");

    assertFalse(schema.has("required"), schema.toString());
    assertEquals("[\"count\"]", schema.path("anyOf").get(0).path("required").toString());
    assertEquals(
        "[\"reason\",\"retryable\"]", schema.path("anyOf").get(1).path("required").toString());
    assertEquals("string", schema.path("properties").path("reason").path("type").asText());
    assertEquals("boolean", schema.path("properties").path("retryable").path("type").asText());
    assertEquals("integer", schema.path("properties").path("count").path("type").asText());
    // the definition itself is untouched
    assertTrue(engine.tools().get(0).outputSchema().orElseThrow().has("required"));
  }

  @Test
  void list_cursor_isOpaqueAndForgedOnesAreInvalidParams() {
    McpEngine engine = engineWith(5, 2);
    String cursor = list(engine, null).path("result").path("nextCursor").asText();
    assertFalse(cursor.contains("2"), "cursor is not a bare offset");
    String forgedBeyond =
        Base64.getUrlEncoder().withoutPadding().encodeToString("tools:v1:99".getBytes());
    String forgedNegative =
        Base64.getUrlEncoder().withoutPadding().encodeToString("tools:v1:-1".getBytes());
    for (String bad :
        new String[] {"garbage!!", "", forgedBeyond, forgedNegative, "x".repeat(100)}) {
      assertEquals(
          -32602,
          errorCode(
              send(
                  engine,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\""
                      + bad
                      + "\"}}",
                  alice)),
          bad);
    }
  }

  @Test
  void list_nonStringCursor_isInvalidParams() {
    assertEquals(
        -32602,
        errorCode(
            send(
                engineWith(0, 5),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":5}}",
                alice)));
  }

  @Test
  void builder_duplicateToolName_failsAtBuild() {
    McpEngine.Builder b =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .addTool(CountingTool.bucketTool("same"))
            .addTool(CountingTool.bucketTool("same"));
    assertThrows(IllegalStateException.class, b::build);
  }

  @Test
  void builder_requirements_listEveryTool() {
    McpEngine.Builder b =
        EngineHarness.builder(CountingAuthorizer.allowing()).addTool(CountingTool.bucketTool("t1"));
    assertEquals(1, b.requirements().size());
    assertEquals("t1", b.requirements().get(0).tool());
  }

  @Test
  void builder_withoutAuthorizer_fails() {
    assertThrows(IllegalStateException.class, () -> McpEngine.builder().build());
  }
}
