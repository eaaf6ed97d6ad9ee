package com.quiltdata.mcp.tools.internal;

import com.quiltdata.mcp.tools.Tool;
import java.util.List;

/** Test-only tools for the conformance suite (work in progress). */
final class ConformanceTools {
  private ConformanceTools() {}

  static List<Tool> all() {
    return List.of();
  }
}
