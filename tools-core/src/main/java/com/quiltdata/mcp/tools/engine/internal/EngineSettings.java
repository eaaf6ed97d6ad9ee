package com.quiltdata.mcp.tools.engine.internal;

import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.CancellationRelay;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.engine.CallLimits;
import com.quiltdata.mcp.tools.engine.EngineLimits;
import com.quiltdata.mcp.tools.engine.ResultLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A snapshot of {@link com.quiltdata.mcp.tools.engine.McpEngine.Builder} settings.
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
    CallLimits callLimits,
    ResultLimits resultLimits,
    LongSupplier nanoTime,
    Duration listTtl,
    String listCacheScope,
    CancellationRelay cancellationRelay) {

  /** Copies the tool list. */
  public EngineSettings {
    tools = List.copyOf(tools);
  }

  /** Every tool served, in listing order. */
  public List<Tool> allToolInstances() {
    return tools;
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
