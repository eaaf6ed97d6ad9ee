package com.quiltdata.mcp.tools.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The MCP tool annotations ({@code readOnlyHint} and the like) families attach to tools. */
public final class Annotations {
  private Annotations() {}

  /**
   * A tool that only reads.
   *
   * @param openWorld whether it reaches outside the server (S3, the registry) rather than only the
   *     caller's own verified token
   */
  public static ObjectNode readOnly(boolean openWorld) {
    return JsonSchema.NODES
        .objectNode()
        .put("readOnlyHint", true)
        .put("destructiveHint", false)
        .put("idempotentHint", true)
        .put("openWorldHint", openWorld);
  }

  /**
   * A tool that changes something.
   *
   * @param destructive whether it may delete or overwrite what was there
   * @param idempotent whether repeating it with the same arguments has no further effect
   */
  public static ObjectNode writes(boolean destructive, boolean idempotent) {
    return JsonSchema.NODES
        .objectNode()
        .put("readOnlyHint", false)
        .put("destructiveHint", destructive)
        .put("idempotentHint", idempotent)
        .put("openWorldHint", true);
  }
}
