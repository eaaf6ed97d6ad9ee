package com.quiltdata.mcp.tools.internal;

import com.quiltdata.mcp.tools.Tool;

/** The built-in {@code auth_status} tool (work in progress). */
final class AuthStatusTool {
  private AuthStatusTool() {}

  static Tool create() {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
