package com.quiltdata.mcp.tools.conformance;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConformanceToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpEngine engine =
      EngineHarness.builder(CountingAuthorizer.allowing())
          .addTools(ConformanceTools.create(TestTools.CONFORMANCE))
          .build();

  private JsonNode call(String name) {
    return body(send(
            engine,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + name
                + "\",\"arguments\":{}}}",
            legacy(TestPrincipals.alice(), "2025-11-25")))
        .get("result");
  }

  @Test
  void profile_isOffByDefault() {
    McpEngine plain = EngineHarness.builder(CountingAuthorizer.allowing()).build();
    assertEquals(List.of(), names(plain));
    assertEquals(List.of(), ConformanceTools.create(TestTools.NONE));
  }

  @Test
  void profile_conformance_listsTheSuiteTools() {
    assertEquals(
        List.of(
            "test_tool_with_progress",
            "test_tool_with_logging",
            "test_slow_operation",
            "test_slow_report",
            "test_simple_text",
            "test_image_content",
            "test_audio_content",
            "test_embedded_resource",
            "test_multiple_content_types",
            "test_error_handling",
            "json_schema_2020_12_tool"),
        names(engine));
  }

  private List<JsonNode> streamed(String name, String meta) {
    List<JsonNode> sent = new CopyOnWriteArrayList<>();
    Principal alice = TestPrincipals.alice();
    CallContext ctx =
        CallContext.http()
            .principal(alice)
            .session(legacy(alice, "2025-11-25").session().orElseThrow())
            .notifications(
                json -> {
                  try {
                    sent.add(JSON.readTree(json));
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                })
            .build();
    JsonNode result =
        body(send(
                engine,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + name
                    + "\",\"arguments\":{},\"_meta\":"
                    + meta
                    + "}}",
                ctx))
            .path("result");
    assertFalse(result.path("isError").asBoolean(), result.toString());
    return sent;
  }

  @Test
  void progressTool_reportsZeroFiftyHundredOfHundred() {
    List<JsonNode> sent = streamed("test_tool_with_progress", "{\"progressToken\":\"p\"}");
    assertEquals(
        List.of(0.0, 50.0, 100.0),
        sent.stream().map(n -> n.path("params").path("progress").asDouble()).toList());
    sent.forEach(n -> assertEquals(100.0, n.path("params").path("total").asDouble()));
  }

  @Test
  void loggingTool_sendsThreeInfoMessages() {
    List<JsonNode> sent = streamed("test_tool_with_logging", "{}");
    assertEquals(3, sent.size());
    sent.forEach(n -> assertEquals("notifications/message", n.path("method").asText()));
    sent.forEach(n -> assertEquals("info", n.path("params").path("level").asText()));
  }

  @Test
  void slowTool_stopsWhenCancelled_andTheReportSaysSo() throws Exception {
    Principal alice = TestPrincipals.alice();
    CallContext ctx = legacy(alice, "2025-11-25");
    CompletableFuture<EngineResponse> slow =
        CompletableFuture.supplyAsync(
            () ->
                send(
                    engine,
                    "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"test_slow_operation\",\"arguments\":{\"seconds\":30}}}",
                    ctx));
    Thread.sleep(300);
    send(
        engine,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":77}}",
        ctx);
    EngineResponse cancelled = slow.get(5, TimeUnit.SECONDS);

    assertFalse(cancelled.hasBody(), "no answer to a cancelled request");
    JsonNode report =
        JSON.readTree(call("test_slow_report").path("content").get(0).path("text").asText());
    assertEquals("cancelled", report.path("state").asText());
    assertTrue(report.path("steps").asInt() < 30, report.toString());
    assertEquals(300, report.path("planned").asInt());
  }

  @Test
  void simpleText_returnsTheExpectedText() {
    JsonNode block = call("test_simple_text").get("content").get(0);
    assertEquals("text", block.get("type").asText());
    assertEquals("This is a simple text response for testing.", block.get("text").asText());
  }

  @Test
  void image_isAValidPng() {
    JsonNode block = call("test_image_content").get("content").get(0);
    assertEquals("image", block.get("type").asText());
    assertEquals("image/png", block.get("mimeType").asText());
    byte[] png = Base64.getDecoder().decode(block.get("data").asText());
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void audio_isWav() {
    JsonNode block = call("test_audio_content").get("content").get(0);
    assertEquals("audio", block.get("type").asText());
    assertEquals("audio/wav", block.get("mimeType").asText());
    byte[] wav = Base64.getDecoder().decode(block.get("data").asText());
    assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void embeddedResource_hasUriMimeTypeText() {
    JsonNode resource = call("test_embedded_resource").get("content").get(0).get("resource");
    assertEquals("test://embedded-resource", resource.get("uri").asText());
    assertEquals("text/plain", resource.get("mimeType").asText());
    assertEquals("This is an embedded resource content.", resource.get("text").asText());
  }

  @Test
  void multipleContentTypes_hasTextImageResource() {
    JsonNode content = call("test_multiple_content_types").get("content");
    assertEquals(3, content.size());
    assertEquals("text", content.get(0).get("type").asText());
    assertEquals("image", content.get(1).get("type").asText());
    assertEquals("resource", content.get(2).get("type").asText());
  }

  @Test
  void errorHandling_isToolError() {
    JsonNode result = call("test_error_handling");
    assertTrue(result.get("isError").asBoolean());
    assertEquals(
        "This tool intentionally returns an error for testing (reason: INTENTIONAL, retryable: no)",
        result.get("content").get(0).get("text").asText());
    assertEquals("INTENTIONAL", result.path("structuredContent").path("reason").asText());
  }

  private static List<String> names(McpEngine e) {
    return e.tools().stream().map(ToolDefinition::name).collect(Collectors.toList());
  }

  @Test
  void jsonSchemaTool_keepsDefsAndRefInTheListing_andValidatesThroughTheRef() {
    ToolDefinition d =
        engine.tools().stream()
            .filter(t -> t.name().equals("json_schema_2020_12_tool"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "https://json-schema.org/draft/2020-12/schema", d.inputSchema().get("$schema").asText());
    assertEquals(
        "#/$defs/address", d.inputSchema().get("properties").get("address").get("$ref").asText());
    assertTrue(d.inputSchema().get("$defs").has("address"));
    JsonNode bad =
        body(send(
                engine,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"json_schema_2020_12_tool\",\"arguments\":"
                    + "{\"address\":{\"city\":5}}}}",
                legacy(TestPrincipals.alice(), "2025-11-25")))
            .get("result");
    assertTrue(bad.get("isError").asBoolean(), bad.toString());
    assertTrue(bad.toString().contains("address.city"), bad.toString());
  }
}
