package com.quiltdata.mcp.tools.internal;

import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.tools.EngineLimits;
import com.quiltdata.mcp.tools.TestTools;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of {@link com.quiltdata.mcp.tools.McpEngine.Builder} settings.
 *
 * @param credentialsBroker may be null (tools then get a refusing broker)
 * @param instructions may be null
 */
public record EngineSettings(
    String serverName,
    String serverVersion,
    String instructions,
    List<Tool> tools,
    Authorizer authorizer,
    CredentialsBroker credentialsBroker,
    Clock clock,
    EngineLimits limits,
    TestTools testTools,
    Duration listTtl,
    String listCacheScope,
    boolean authStatusTool) {

  /** Copies the tool list. */
  public EngineSettings {
    tools = List.copyOf(tools);
  }

  /** Every tool served: built-ins first, then test tools, then the registered ones. */
  public List<Tool> allToolInstances() {
    List<Tool> out = new ArrayList<>();
    if (authStatusTool) {
      out.add(AuthStatusTool.create());
    }
    if (testTools == TestTools.CONFORMANCE) {
      out.addAll(ConformanceTools.all());
    }
    out.addAll(tools);
    return out;
  }

  /** Definitions of {@link #allToolInstances()}. */
  public List<ToolDefinition> allTools() {
    List<ToolDefinition> out = new ArrayList<>();
    for (Tool t : allToolInstances()) {
      out.add(t.definition());
    }
    return out;
  }
}
