package com.quiltdata.mcp.tools.conformance.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Content;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolHandler;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.conformance.ConformanceReason;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.List;

/**
 * Test-only tools with the names and results the {@code @modelcontextprotocol/conformance}
 * scenarios {@code tools-call-*} and {@code json-schema-2020-12} expect. Only registered with
 * {@code TestTools.CONFORMANCE}, with the streaming ones ({@code test_tool_with_progress}, {@code
 * test_tool_with_logging}) and a cancellable slow call with its report for the interop tests.
 * Sampling and elicitation need server-to-client requests and are not served.
 */
public final class ConformanceToolSet {
  /** A 1x1 red PNG. */
  static final String RED_PIXEL_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

  /** Eight samples of silence, 8 kHz mono 8-bit PCM WAV. */
  static final String SILENT_WAV =
      "UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==";

  private ConformanceToolSet() {}

  /** Every conformance test tool. */
  public static List<Tool> all() {
    SlowCalls slowCalls = new SlowCalls();
    return List.of(
        new ProgressTool(),
        new LoggingTool(),
        new SlowTool(slowCalls),
        new SlowReportTool(slowCalls),
        tool(
            "test_simple_text",
            "Returns a simple text block (conformance test tool).",
            (a, c) -> ToolResult.text("This is a simple text response for testing.")),
        tool(
            "test_image_content",
            "Returns a 1x1 PNG image block (conformance test tool).",
            (a, c) -> ToolResult.content(List.of(Content.image(RED_PIXEL_PNG, "image/png")))),
        tool(
            "test_audio_content",
            "Returns a short WAV audio block (conformance test tool).",
            (a, c) -> ToolResult.content(List.of(Content.audio(SILENT_WAV, "audio/wav")))),
        tool(
            "test_embedded_resource",
            "Returns an embedded text resource (conformance test tool).",
            (a, c) ->
                ToolResult.content(
                    List.of(
                        Content.textResource(
                            "test://embedded-resource",
                            "text/plain",
                            "This is an embedded resource content.")))),
        tool(
            "test_multiple_content_types",
            "Returns text, image and resource blocks (conformance test tool).",
            (a, c) ->
                ToolResult.content(
                    List.of(
                        Content.text("Multiple content types test:"),
                        Content.image(RED_PIXEL_PNG, "image/png"),
                        Content.textResource(
                            "test://mixed-content-resource",
                            "application/json",
                            "{\"test\":\"data\",\"value\":123}")))),
        tool(
            "test_error_handling",
            "Always fails with a tool error (conformance test tool).",
            (a, c) -> {
              throw new ToolFailure(
                  ConformanceReason.INTENTIONAL,
                  "This tool intentionally returns an error for testing");
            }),
        Tool.of(
            ToolDefinition.builder("json_schema_2020_12_tool")
                .description("Tool with JSON Schema 2020-12 features (conformance test tool).")
                .inputSchema(addressSchema())
                .requirements(ToolRequirements.open("json_schema_2020_12_tool"))
                .build(),
            (a, c) -> ToolResult.text("Received arguments: " + a)));
  }

  /**
   * The schema of scenario json-schema-2020-12: {@code $schema}, {@code $defs} and a {@code $ref}.
   */
  private static ObjectNode addressSchema() {
    ObjectNode schema = JsonSchema.NODES.objectNode();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("type", "object");
    ObjectNode address = schema.putObject("$defs").putObject("address");
    address.put("type", "object");
    ObjectNode fields = address.putObject("properties");
    fields.putObject("street").put("type", "string");
    fields.putObject("city").put("type", "string");
    ObjectNode props = schema.putObject("properties");
    props.putObject("name").put("type", "string");
    props.putObject("address").put("$ref", "#/$defs/address");
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Tool tool(String name, String description, ToolHandler handler) {
    return Tool.of(definition(name, description), handler);
  }

  /** The definition of a test tool without arguments, open to any authenticated caller. */
  static ToolDefinition definition(String name, String description) {
    ObjectNode schema = JsonSchema.NODES.objectNode().put("type", "object");
    schema.putObject("properties");
    return definition(name, description, schema);
  }

  /** The definition of a test tool, open to any authenticated caller. */
  static ToolDefinition definition(String name, String description, ObjectNode inputSchema) {
    return ToolDefinition.builder(name)
        .description(description)
        .inputSchema(inputSchema)
        .requirements(ToolRequirements.open(name))
        .build();
  }
}
