package com.quiltdata.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of a tool, for {@link Tool#of(ToolDefinition, ToolHandler)}. */
@FunctionalInterface
public interface ToolHandler {
  /** See {@link Tool#call(ObjectNode, ToolContext)}. */
  ToolResult handle(ObjectNode arguments, ToolContext context) throws Exception;
}
