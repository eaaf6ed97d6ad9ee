package com.quiltdata.mcp.architecture.compliant.standins;

import com.quiltdata.mcp.architecture.compliant.jwt.TokenClaims;

/** A stand-in that checks tokens with jwt-codec only: allowed. */
public final class LocalCatalog {
  public String whoAsked(TokenClaims claims) {
    return claims.subject();
  }
}
