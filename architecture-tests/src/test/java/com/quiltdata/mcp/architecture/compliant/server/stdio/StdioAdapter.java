package com.quiltdata.mcp.architecture.compliant.server.stdio;

import com.quiltdata.mcp.architecture.compliant.tools.ToolDispatcher;

/** Uses tools-core only: allowed for the stdio adapter. */
public final class StdioAdapter {
  private final ToolDispatcher dispatcher;

  public StdioAdapter(ToolDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public String handle(String line) {
    return dispatcher.caller(line);
  }
}
