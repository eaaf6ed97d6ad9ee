package com.quiltdata.mcp.architecture.compliant.tools.assembly;

import com.quiltdata.mcp.architecture.compliant.tools.engine.Engine;
import com.quiltdata.mcp.architecture.compliant.tools.s3.ListTool;

/** The assembly wires families into the engine. */
public final class Assembly {
  public String run() {
    return new Engine().handle(new ListTool());
  }
}
