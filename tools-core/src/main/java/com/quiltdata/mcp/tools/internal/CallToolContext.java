package com.quiltdata.mcp.tools.internal;

import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.tools.ToolContext;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The {@link ToolContext} of one call. */
final class CallToolContext implements ToolContext {
  private final Principal principal;
  private final Session session;
  private final String protocolVersion;
  private final CredentialsBroker credentials;
  private final Clock clock;
  private final BooleanSupplier cancelled;

  CallToolContext(
      Principal principal,
      Session session,
      String protocolVersion,
      CredentialsBroker credentials,
      Clock clock,
      BooleanSupplier cancelled) {
    this.principal = principal;
    this.session = session;
    this.protocolVersion = protocolVersion;
    this.credentials = credentials;
    this.clock = clock;
    this.cancelled = cancelled;
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
    return cancelled.getAsBoolean();
  }

  @Override
  public String toString() {
    return "ToolContext[" + principal + ", version=" + protocolVersion + "]";
  }
}
