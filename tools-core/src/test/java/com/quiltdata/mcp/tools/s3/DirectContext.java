package com.quiltdata.mcp.tools.s3;

import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.tools.ToolContext;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A {@link ToolContext} for calling a tool directly, with a cancellation flag the test drives. */
public record DirectContext(
    Principal principal, CredentialsBroker credentials, Clock clock, BooleanSupplier cancelled)
    implements ToolContext {
  @Override
  public Optional<Session> session() {
    return Optional.empty();
  }

  @Override
  public String protocolVersion() {
    return "2025-06-18";
  }

  @Override
  public boolean isCancelled() {
    return cancelled.getAsBoolean();
  }

  /** Progress goes nowhere: a direct call has no client to tell. */
  @Override
  public void progress(double progress, Double total, String message) {}

  /** Log messages go nowhere: a direct call has no client to tell. */
  @Override
  public void log(com.quiltdata.mcp.tools.LogLevel level, String message) {}

  /** Listeners are not called: the test drives cancellation by the flag alone. */
  @Override
  public Registration onCancel(Runnable action) {
    if (cancelled.getAsBoolean()) {
      action.run();
    }
    return () -> {};
  }
}
