package com.quiltdata.mcp.tools.conformance.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/**
 * {@code test_slow_operation}: works in 100 ms steps for {@code seconds}, reporting progress and a
 * log message per second, and stops at once when cancelled. What became of the latest call is kept
 * in {@link SlowCalls}, so a test can ask {@code test_slow_report} whether the server really
 * stopped.
 */
final class SlowTool implements Tool {
  static final String NAME = "test_slow_operation";
  private static final int STEP_MS = 100;

  private final SlowCalls calls;
  private final ToolDefinition definition;

  SlowTool(SlowCalls calls) {
    this.calls = calls;
    ObjectNode in = JsonSchema.object();
    JsonSchema.property(
        in, "seconds", JsonSchema.integer("How long to work, in seconds", 1, 120, 30));
    this.definition =
        ConformanceToolSet.definition(
            NAME, "Works for a while in steps, reporting progress; cancellable (test tool)", in);
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult call(ObjectNode arguments, ToolContext context) throws InterruptedException {
    int steps = (int) Arguments.of(arguments).integer("seconds", 1, 120, 30) * 1000 / STEP_MS;
    calls.started(steps);
    for (int step = 1; step <= steps; step++) {
      if (Pause.of(context).sleep(STEP_MS) || context.isCancelled()) {
        calls.cancelled(step - 1);
        throw ToolFailure.cancelled();
      }
      calls.advanced(step);
      context.progress(step, (double) steps, null);
      if (step % (1000 / STEP_MS) == 0) {
        context.log(LogLevel.INFO, "worked " + step * STEP_MS / 1000 + " s of " + steps / 10);
      }
    }
    calls.completed(steps);
    return ToolResult.text("Worked " + steps * STEP_MS / 1000 + " s.");
  }
}
