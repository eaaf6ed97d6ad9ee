package com.quiltdata.mcp.tools.conformance;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.conformance.internal.ConformanceToolSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tools the {@code @modelcontextprotocol/conformance} suite calls, served only when a server is
 * started with {@link TestTools#CONFORMANCE} ({@code MCP_TEST_TOOLS=conformance}); never in
 * production. Every tool is open to any authenticated caller.
 */
public final class ConformanceTools {
  private ConformanceTools() {}

  /** The tools of a profile: none for {@link TestTools#NONE}. */
  public static List<Tool> create(TestTools profile) {
    Objects.requireNonNull(profile, "profile");
    return profile == TestTools.CONFORMANCE ? ConformanceToolSet.all() : List.of();
  }

  /** The family's authorization table for a profile. */
  public static List<ToolRequirements> requirements(TestTools profile) {
    List<ToolRequirements> out = new ArrayList<>();
    for (Tool t : create(profile)) {
      out.add(t.definition().requirements());
    }
    return List.copyOf(out);
  }
}
