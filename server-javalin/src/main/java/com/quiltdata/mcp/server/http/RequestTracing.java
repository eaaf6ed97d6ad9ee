package com.quiltdata.mcp.server.http;

/**
 * The server spans of MCP requests, in types of this module only, so that with tracing off ({@link
 * #OFF}) no OpenTelemetry class is ever loaded; {@link OtlpTracing} is the exporting one.
 */
interface RequestTracing extends AutoCloseable {
  /** Tracing off: no span, the request's own trace (if any) is passed on unchanged. */
  RequestTracing OFF =
      new RequestTracing() {
        @Override
        public ServerSpan start(AccessRecord record) {
          return ServerSpan.NONE;
        }

        @Override
        public void close() {}
      };

  /**
   * Starts the SERVER span of one parsed MCP message, a child of the current thread's trace (the
   * {@code traceparent} header or {@code _meta}) or a new trace, and puts the span's own trace into
   * the logging context, so calls made for the request become its children.
   *
   * @param record what is known of the request: method, tool, start time
   */
  ServerSpan start(AccessRecord record);

  /** Exports what is pending (bounded in time) and stops. Idempotent. */
  @Override
  void close();

  /** A started server span. */
  interface ServerSpan {
    /** No span. */
    ServerSpan NONE = (record, status) -> {};

    /** Ends the span with what the access record says of the answer. */
    void end(AccessRecord record, int httpStatus);
  }
}
