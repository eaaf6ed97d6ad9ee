package com.quiltdata.mcp.server.http;

import io.javalin.http.Context;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line per request (logger {@code com.quiltdata.mcp.server.http.access}): HTTP
 * method, path (one of the served paths, else {@code (other)}; never the query string), JSON-RPC
 * method and tool, status, latency, and an 8-hex-digit fingerprint of the caller's subject. Never a
 * header value, a token, a secret or a credential. The fields are key-value pairs, so the JSON
 * layout shows them as such and the text layout appends them as {@code key="value"}.
 */
final class AccessLog {
  static final String LOGGER = "com.quiltdata.mcp.server.http.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Set<String> PATHS =
      Set.of(
          "/mcp",
          "/mcp/",
          ResourceUrls.METADATA_PATH,
          ResourceUrls.METADATA_PATH + "/mcp",
          "/health",
          "/healthz");

  private AccessLog() {}

  /** Writes the line for a finished request. */
  static void write(Context ctx, Float executionTimeMs) {
    AccessRecord r = AccessRecord.of(ctx);
    LoggingEventBuilder line =
        LOG.atInfo()
            .addKeyValue("http", ctx.method().name())
            .addKeyValue("path", safePath(ctx.path()))
            .addKeyValue("status", ctx.statusCode())
            .addKeyValue(
                "ms", executionTimeMs == null ? "-" : tenths(executionTimeMs.doubleValue()));
    if (r.rpcMethod() != null) {
      line = line.addKeyValue("rpc", r.rpcMethod());
    }
    if (r.tool() != null) {
      line = line.addKeyValue("tool", r.tool());
    }
    if (r.era() != null) {
      line = line.addKeyValue("era", r.era());
    }
    line = line.addKeyValue("principal", r.principal() == null ? "-" : r.principal());
    if (r.session()) {
      line = line.addKeyValue("session", "yes");
    }
    if (r.streamed()) {
      line = line.addKeyValue("sse", "yes");
    }
    if (r.rpcError() != null) {
      line = line.addKeyValue("rpcError", r.rpcError());
    }
    if (r.outcome() != null) {
      line = line.addKeyValue("refused", r.outcome());
    }
    line.log("request");
  }

  /** Milliseconds with one decimal, as {@code %.1f} would print them, without a Formatter. */
  static String tenths(double ms) {
    if (!(ms >= 0) || ms > 1e12) {
      return "-";
    }
    long t = Math.round(ms * 10);
    return (t / 10) + "." + (t % 10);
  }

  static String safePath(String path) {
    return path != null && PATHS.contains(path) ? path : "(other)";
  }
}
