package com.quiltdata.mcp.architecture.compliant.tools;

import com.quiltdata.mcp.architecture.compliant.auth.Authenticator;
import com.quiltdata.mcp.architecture.compliant.jwt.TokenClaims;

/** Uses auth-core and jwt-codec: allowed for tools-core. */
public final class ToolDispatcher {
  private final Authenticator authenticator;

  public ToolDispatcher(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  public String caller(String tokenHash) {
    return authenticator.cached(tokenHash).map(TokenClaims::subject).orElse("anonymous");
  }
}
