package com.quiltdata.mcp.tools.conformance.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;

/**
 * {@code test_slow_report}: what became of the latest {@code test_slow_operation} call ({@code
 * state}: none, running, cancelled or completed; {@code steps} done of {@code planned}).
 */
final class SlowReportTool implements Tool {
  static final String NAME = "test_slow_report";

  private final SlowCalls calls;
  private final ToolDefinition definition =
      ConformanceToolSet.definition(NAME, "Tells what became of the latest slow call (test tool)");

  SlowReportTool(SlowCalls calls) {
    this.calls = calls;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult call(ObjectNode arguments, ToolContext context) {
    return ToolResult.text(calls.report());
  }
}
