package com.quiltdata.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One MCP tool: its definition and its handler. The engine validates arguments against {@link
 * ToolDefinition#inputSchema()}, requires an authenticated principal and asks the {@link
 * com.quiltdata.mcp.auth.Authorizer} (with {@link ToolDefinition#requirements()}) before it calls
 * {@link #call}. Implementations must be thread-safe.
 */
public interface Tool {
  /** The definition listed by {@code tools/list}. */
  ToolDefinition definition();

  /**
   * Runs the tool.
   *
   * @param arguments validated arguments (a private copy the tool may read freely)
   * @param context the caller, credentials access, clock and cancellation flag
   * @return the result; a failure the model can act on is {@link ToolResult#error(String)} or a
   *     thrown {@link ToolException}
   * @throws Exception anything else becomes an {@code isError} result with a generic, safe message
   */
  ToolResult call(ObjectNode arguments, ToolContext context) throws Exception;

  /** A tool from a definition and a handler function. */
  static Tool of(ToolDefinition definition, ToolHandler handler) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(handler, "handler");
    return new Tool() {
      @Override
      public ToolDefinition definition() {
        return definition;
      }

      @Override
      public ToolResult call(ObjectNode arguments, ToolContext context) throws Exception {
        return handler.handle(arguments, context);
      }

      @Override
      public String toString() {
        return "Tool[" + definition.name() + "]";
      }
    };
  }
}
