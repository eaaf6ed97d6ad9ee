package com.quiltdata.mcp.tools.internal;

import com.quiltdata.mcp.tools.CallContext;
import com.quiltdata.mcp.tools.EngineLimits;
import com.quiltdata.mcp.tools.EngineResponse;
import com.quiltdata.mcp.tools.InboundMessage;
import com.quiltdata.mcp.tools.McpEngine;
import com.quiltdata.mcp.tools.ToolDefinition;
import java.util.List;

/** The engine implementation (work in progress). */
public final class ProtocolEngine implements McpEngine {
  private final EngineSettings settings;

  /** Creates the engine. */
  public ProtocolEngine(EngineSettings settings) {
    this.settings = settings;
  }

  @Override
  public InboundMessage parse(byte[] body) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public EngineResponse handle(InboundMessage message, CallContext context) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public List<ToolDefinition> tools() {
    return settings.allTools();
  }

  @Override
  public EngineLimits limits() {
    return settings.limits();
  }
}
