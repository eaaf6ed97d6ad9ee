package com.quiltdata.mcp.tools.conformance.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;

/**
 * {@code test_tool_with_logging} (scenario tools-call-with-logging): three {@code info} messages,
 * about 50 ms apart.
 */
final class LoggingTool implements Tool {
  static final String NAME = "test_tool_with_logging";

  private final ToolDefinition definition =
      ConformanceToolSet.definition(NAME, "Sends three info log messages (conformance test)");

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult call(ObjectNode arguments, ToolContext context) throws InterruptedException {
    context.log(LogLevel.INFO, "Tool execution started");
    Pause.of(context).sleep(50);
    context.log(LogLevel.INFO, "Tool processing data");
    Pause.of(context).sleep(50);
    context.log(LogLevel.INFO, "Tool execution completed");
    return ToolResult.text("Logged three messages.");
  }
}
