package com.quiltdata.mcp.tools.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;

/**
 * A tool with a fixed definition whose body reads its arguments through {@link Arguments}, so that
 * every bad argument becomes the same {@code INVALID_ARGUMENT} failure naming the argument. A
 * family's base class extends this and adds what the family shares.
 */
public abstract class ArgumentTool implements Tool {
  private final ToolDefinition definition;

  protected ArgumentTool(ToolDefinition definition) {
    this.definition = definition;
  }

  @Override
  public final ToolDefinition definition() {
    return definition;
  }

  @Override
  public final ToolResult call(ObjectNode arguments, ToolContext context) {
    return run(Arguments.of(arguments), context);
  }

  /** The tool body; throws {@link com.quiltdata.mcp.tools.ToolFailure} for what went wrong. */
  protected abstract ToolResult run(Arguments args, ToolContext context);
}
