package com.quiltdata.mcp.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests refused while parsing, before any handler ran (headers far over the
 * limit, malformed request lines): a small JSON body naming the status, never the request bytes, a
 * message or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String error =
        status == 431 ? "headers_too_large" : status >= 500 ? "server_error" : "bad_request";
    String reason = HttpStatus.getMessage(status);
    String json =
        JsonResponses.body(
            false,
            HttpRejection.TRANSPORT_ERROR,
            error,
            status == 431
                ? "Request header fields too large: shorten the request headers"
                    + " (MCP_MAX_HEADER_BYTES)."
                : "The request could not be handled (" + status + " " + reason + ").");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.APPLICATION_JSON);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(NoSniffHandler.HEADER, NoSniffHandler.VALUE);
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
