package com.quiltdata.mcp.architecture.compliant.tools;

/** The tool-author API: depends on nothing above it. */
public interface ToolApi {
  String call(String arguments);
}
