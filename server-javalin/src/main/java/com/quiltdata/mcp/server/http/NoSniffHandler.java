package com.quiltdata.mcp.server.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts {@code X-Content-Type-Options: nosniff} on every response before any handler runs, so that
 * no answer of this server (JSON, an event stream, an error, a 404) is ever sniffed by a browser
 * into something it was not labelled as. Jetty's own parse-error answers get it from {@link
 * JsonErrorHandler}.
 */
final class NoSniffHandler extends Handler.Wrapper {
  static final String HEADER = "X-Content-Type-Options";

  static final String VALUE = "nosniff";

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    response.getHeaders().put(HEADER, VALUE);
    return super.handle(request, response, callback);
  }
}
