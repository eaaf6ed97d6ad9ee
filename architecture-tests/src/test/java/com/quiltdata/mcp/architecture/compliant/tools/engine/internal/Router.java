package com.quiltdata.mcp.architecture.compliant.tools.engine.internal;

import com.quiltdata.mcp.architecture.compliant.tools.ToolApi;

/** An engine internal, used by the engine only. */
public final class Router {
  public String route(ToolApi tool) {
    return tool.call("{}");
  }
}
