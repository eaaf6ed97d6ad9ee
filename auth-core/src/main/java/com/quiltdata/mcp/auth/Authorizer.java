package com.quiltdata.mcp.auth;

import java.util.function.Function;

/**
 * Decides whether a principal may run a tool with given arguments. Deny by default: unknown tools,
 * missing actions, and bucket arguments outside the token's bucket list are refused. {@code *} is
 * never a wildcard; empty permissions grant nothing.
 */
public interface Authorizer {
  /**
   * Checks one call.
   *
   * @param arguments reads an argument's string value by name ({@code null} when absent or not a
   *     string); the authorizer and the tool must see the same value
   */
  AuthorizationDecision check(Principal principal, String tool, Function<String, String> arguments);
}
