package com.quiltdata.mcp.architecture.compliant.server.http;

import com.quiltdata.mcp.architecture.compliant.auth.Authenticator;
import com.quiltdata.mcp.architecture.compliant.tools.ToolDispatcher;
import io.javalin.Javalin;

/** Uses Javalin, tools-core and auth-core: allowed for the HTTP adapter. */
public final class HttpAdapter {
  private final Javalin server;
  private final ToolDispatcher dispatcher;
  private final Authenticator authenticator;

  public HttpAdapter(Javalin server, ToolDispatcher dispatcher, Authenticator authenticator) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.authenticator = authenticator;
  }

  public String describe(String tokenHash) {
    return server + " " + dispatcher.caller(tokenHash) + " " + authenticator;
  }
}
