package com.quiltdata.mcp.architecture.compliant.server.demo;

import com.quiltdata.mcp.architecture.compliant.jwt.TokenClaims;
import com.quiltdata.mcp.architecture.compliant.server.http.HttpAdapter;

/** Uses the HTTP adapter and jwt-codec: allowed for the demo, which sits on top. */
public final class DemoLauncher {
  private final HttpAdapter server;

  public DemoLauncher(HttpAdapter server) {
    this.server = server;
  }

  public String banner(TokenClaims demoUser) {
    return server.describe(demoUser.subject());
  }
}
