package com.quiltdata.mcp.tools.engine;

/** JSON-RPC error codes the engine emits. */
public final class ErrorCodes {
  /** The body is not valid JSON (or repeats a key, or exceeds a parser limit). */
  public static final int PARSE_ERROR = -32700;

  /** The JSON is not a valid JSON-RPC request (also: batches where not allowed, bad headers). */
  public static final int INVALID_REQUEST = -32600;

  /** Unknown method (HTTP 404 for modern requests, 200 for legacy ones). */
  public static final int METHOD_NOT_FOUND = -32601;

  /** Invalid params, including an unknown tool name or a bad cursor. */
  public static final int INVALID_PARAMS = -32602;

  /** Internal error; never carries a stack trace or echoed input. */
  public static final int INTERNAL_ERROR = -32603;

  /** {@code tools/call} without an authenticated principal (HTTP 401). */
  public static final int AUTHENTICATION_REQUIRED = -32001;

  /** {@code tools/call} denied by the authorizer (HTTP 403, {@code insufficient_scope}). */
  public static final int FORBIDDEN = -32003;

  /** Modern request whose transport headers do not match its body (HTTP 400). */
  public static final int HEADER_MISMATCH = -32020;

  /** Modern request naming a protocol version this server does not speak (HTTP 400). */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  private ErrorCodes() {}
}
