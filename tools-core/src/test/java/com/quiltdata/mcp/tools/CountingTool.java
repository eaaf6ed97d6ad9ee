package com.quiltdata.mcp.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import java.util.concurrent.atomic.AtomicInteger;

/** A tool test double that counts invocations and runs a configurable body. */
public final class CountingTool implements Tool {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ToolDefinition definition;
  private final ToolHandler body;
  private final AtomicInteger calls = new AtomicInteger();
  private volatile ObjectNode lastArguments;
  private volatile ToolContext lastContext;

  public CountingTool(ToolDefinition definition, ToolHandler body) {
    this.definition = definition;
    this.body = body;
  }

  /** A tool {@code name} taking a required bucket string, returning structured {"ok":true}. */
  public static CountingTool bucketTool(String name) {
    return new CountingTool(
        ToolDefinition.builder(name)
            .description("test tool " + name)
            .inputSchema(
                schema(
                    "{\"type\":\"object\",\"properties\":{\"bucket\":{\"type\":\"string\","
                        + "\"minLength\":3}},\"required\":[\"bucket\"],"
                        + "\"additionalProperties\":false}"))
            .requirements(
                ToolRequirements.builder(name).action("s3:ListBucket").bucket("bucket").build())
            .build(),
        (args, ctx) -> ToolResult.structured(JSON.createObjectNode().put("ok", true)));
  }

  /** A tool without arguments running {@code body}. */
  public static CountingTool simple(String name, ToolHandler body) {
    return new CountingTool(
        ToolDefinition.builder(name)
            .description("test tool " + name)
            .inputSchema(schema("{\"type\":\"object\",\"properties\":{}}"))
            .requirements(ToolRequirements.open(name))
            .build(),
        body);
  }

  public static ObjectNode schema(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult call(ObjectNode arguments, ToolContext context) throws Exception {
    calls.incrementAndGet();
    lastArguments = arguments;
    lastContext = context;
    return body.handle(arguments, context);
  }

  public int calls() {
    return calls.get();
  }

  public ObjectNode lastArguments() {
    return lastArguments;
  }

  public ToolContext lastContext() {
    return lastContext;
  }
}
