package com.quiltdata.mcp.architecture.compliant.tools.engine;

import com.quiltdata.mcp.architecture.compliant.tools.ToolApi;
import com.quiltdata.mcp.architecture.compliant.tools.engine.internal.Router;

/** The engine: its own internals and the tool-author API. */
public final class Engine {
  public String handle(ToolApi tool) {
    return new Router().route(tool);
  }
}
