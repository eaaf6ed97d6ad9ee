package com.quiltdata.mcp.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * CORS for browser clients whose origin {@link OriginGuard} allowed: every answer names the origin
 * and exposes {@code Mcp-Session-Id} (and the challenge); preflight {@code OPTIONS} is answered 204
 * without authentication. No cookies are used, so credentials are not allowed.
 */
final class Cors {
  private static final String ALLOW_METHODS = "GET, POST, DELETE, OPTIONS";
  private static final String EXPOSE =
      "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Content-Type";
  private static final Set<String> BASE_HEADERS =
      Set.of(
          "authorization",
          "content-type",
          "accept",
          "mcp-session-id",
          "mcp-protocol-version",
          "mcp-method",
          "mcp-name",
          "last-event-id");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  private static final int MAX_REQUESTED = 32;

  private Cors() {}

  /** Adds the response headers for an allowed origin ({@code null}: no Origin was sent). */
  static void apply(Context ctx, String allowedOrigin) {
    ctx.header("Vary", "Origin");
    if (allowedOrigin != null) {
      ctx.header("Access-Control-Allow-Origin", allowedOrigin);
      ctx.header("Access-Control-Expose-Headers", EXPOSE);
    }
  }

  /** Answers a preflight: 204 with the allowed methods and headers. */
  static void preflight(Context ctx) {
    ctx.status(204);
    ctx.header("Allow", ALLOW_METHODS);
    ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
    ctx.header(
        "Access-Control-Allow-Headers",
        allowedHeaders(ctx.header("Access-Control-Request-Headers")));
    ctx.header("Access-Control-Max-Age", "600");
  }

  /** The base list plus the requested names that are plain header tokens. */
  static String allowedHeaders(String requested) {
    Set<String> names = new LinkedHashSet<>(new TreeSet<>(BASE_HEADERS));
    if (requested != null && requested.length() <= 2048) {
      int added = 0;
      for (String part : requested.split(",")) {
        String name = part.trim().toLowerCase(Locale.ROOT);
        if (TOKEN.matcher(name).matches() && added < MAX_REQUESTED && names.add(name)) {
          added++;
        }
      }
    }
    return String.join(", ", names);
  }
}
