package com.quiltdata.mcp.tools.engine.internal;

import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.engine.Cancellation;
import java.time.Clock;
import java.util.Optional;

/** The {@link ToolContext} of one call. */
final class CallToolContext implements ToolContext {
  private final Principal principal;
  private final Session session;
  private final String protocolVersion;
  private final CredentialsBroker credentials;
  private final Clock clock;
  private final Cancellation cancellation;
  private final CallNotifier notifier;

  CallToolContext(
      Principal principal,
      Session session,
      String protocolVersion,
      CredentialsBroker credentials,
      Clock clock,
      Cancellation cancellation,
      CallNotifier notifier) {
    this.principal = principal;
    this.session = session;
    this.protocolVersion = protocolVersion;
    this.credentials = credentials;
    this.clock = clock;
    this.cancellation = cancellation;
    this.notifier = notifier;
  }

  @Override
  public Principal principal() {
    return principal;
  }

  @Override
  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  @Override
  public String protocolVersion() {
    return protocolVersion;
  }

  @Override
  public CredentialsBroker credentials() {
    return credentials;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public boolean isCancelled() {
    return cancellation.isCancelled();
  }

  @Override
  public void progress(double progress, Double total, String message) {
    notifier.progress(progress, total, message);
  }

  @Override
  public void log(LogLevel level, String message) {
    notifier.log(level, message);
  }

  @Override
  public Registration onCancel(Runnable action) {
    return cancellation.onCancel(action);
  }

  @Override
  public String toString() {
    return "ToolContext[" + principal + ", version=" + protocolVersion + "]";
  }
}
