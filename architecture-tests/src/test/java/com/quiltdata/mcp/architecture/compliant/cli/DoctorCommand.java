package com.quiltdata.mcp.architecture.compliant.cli;

import com.quiltdata.mcp.architecture.compliant.auth.Authenticator;
import com.quiltdata.mcp.architecture.compliant.jwt.TokenClaims;
import com.quiltdata.mcp.architecture.compliant.tools.ToolDispatcher;

/** Uses jwt-codec, auth-core and tools-core: allowed for the CLI. */
public final class DoctorCommand {
  public String run(Authenticator authenticator, ToolDispatcher dispatcher, TokenClaims claims) {
    return authenticator + dispatcher.caller(claims.subject());
  }
}
