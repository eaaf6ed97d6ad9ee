package com.quiltdata.mcp.architecture.compliant.session.redis;

import com.quiltdata.mcp.architecture.compliant.auth.Authenticator;

/** Builds on auth-core alone: allowed for session-redis. */
public final class SharedSessions {
  private final Authenticator authenticator;

  public SharedSessions(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  public Authenticator authenticator() {
    return authenticator;
  }
}
