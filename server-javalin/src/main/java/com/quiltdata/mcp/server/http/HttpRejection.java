package com.quiltdata.mcp.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request refused before (or instead of) the engine: status, a fixed message and any headers
 * (challenge, {@code Allow}). Thrown by the request steps and written by {@link JsonResponses}.
 * Carries no stack trace and never any request bytes.
 */
final class HttpRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** JSON-RPC code of transport-level refusals (origin, size, session, method). */
  static final int TRANSPORT_ERROR = -32000;

  private final int status;
  private final int rpcCode;
  private final String error;
  private final transient Map<String, String> headers;

  private HttpRejection(
      int status, int rpcCode, String error, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.rpcCode = rpcCode;
    this.error = error;
    this.headers = headers;
  }

  /**
   * A refusal.
   *
   * @param status the HTTP status
   * @param rpcCode the JSON-RPC error code for MCP endpoint bodies
   * @param error a short machine-readable tag ({@code forbidden_origin}, {@code invalid_token}...)
   * @param message fixed, secret-free text saying what failed and how to fix it
   */
  static HttpRejection of(int status, int rpcCode, String error, String message) {
    return new HttpRejection(status, rpcCode, error, message, Map.of());
  }

  /** A copy with one more response header. */
  HttpRejection withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpRejection(status, rpcCode, error, getMessage(), Map.copyOf(more));
  }

  int status() {
    return status;
  }

  int rpcCode() {
    return rpcCode;
  }

  String error() {
    return error;
  }

  Map<String, String> headers() {
    return headers;
  }
}
