package com.quiltdata.mcp.architecture.compliant.server.demo;

import com.quiltdata.mcp.architecture.compliant.jwt.TokenClaims;
import com.quiltdata.mcp.architecture.compliant.standins.LocalCatalog;

/** The demo starts a stand-in: allowed, the demo is not a production module. */
public final class DemoCatalog {
  public String start(LocalCatalog catalog, TokenClaims demoUser) {
    return catalog.whoAsked(demoUser);
  }
}
