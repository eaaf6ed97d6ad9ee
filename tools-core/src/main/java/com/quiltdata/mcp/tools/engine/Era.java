package com.quiltdata.mcp.tools.engine;

/** Which generation of the MCP protocol a message belongs to. */
public enum Era {
  /**
   * The session-capable revisions ({@code 2024-11-05} .. {@code 2025-11-25}): {@code initialize}
   * handshake, {@code Mcp-Session-Id} on HTTP.
   */
  LEGACY,
  /**
   * The stateless revision {@code 2026-07-28}: the request's {@code params._meta} carries the
   * protocol version and client capabilities; no handshake, no session.
   */
  MODERN
}
