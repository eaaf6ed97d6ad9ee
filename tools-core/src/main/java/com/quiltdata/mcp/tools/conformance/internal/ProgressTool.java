package com.quiltdata.mcp.tools.conformance.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;

/**
 * {@code test_tool_with_progress} (scenario tools-call-with-progress): reports 0, 50 and 100 of
 * 100, about 50 ms apart.
 */
final class ProgressTool implements Tool {
  static final String NAME = "test_tool_with_progress";

  private final ToolDefinition definition =
      ConformanceToolSet.definition(NAME, "Reports progress 0, 50, 100 of 100 (conformance test)");

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult call(ObjectNode arguments, ToolContext context) throws InterruptedException {
    for (int step = 0; step <= 2; step++) {
      if (step > 0) {
        Pause.of(context).sleep(50);
      }
      context.progress(step * 50.0, 100.0, "step " + (step + 1) + " of 3");
    }
    return ToolResult.text("Progress reported: 0, 50, 100 of 100.");
  }
}
