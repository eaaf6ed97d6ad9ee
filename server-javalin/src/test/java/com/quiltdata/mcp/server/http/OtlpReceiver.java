package com.quiltdata.mcp.server.http;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real OTLP/HTTP trace receiver for tests: {@code POST /v1/traces} with an {@code
 * application/x-protobuf} {@code ExportTraceServiceRequest}, decoded with the opentelemetry-proto
 * classes; keeps every request's raw bytes and headers, answers an empty export response.
 */
final class OtlpReceiver implements AutoCloseable {
  static final String PATH = "/v1/traces";

  private final HttpServer server;
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> headerValues = new CopyOnWriteArrayList<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        PATH,
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          exchange.getRequestHeaders().forEach((k, v) -> headerValues.add(k + ": " + v));
          int status = 200;
          try {
            if (!"POST".equals(exchange.getRequestMethod())
                || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .startsWith("application/x-protobuf")) {
              status = 415;
            } else {
              requests.add(ExportTraceServiceRequest.parseFrom(body));
              bodies.add(body);
            }
          } catch (IOException e) {
            status = 400;
          }
          byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  /** The base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every span received so far. */
  List<Span> spans() {
    List<Span> out = new ArrayList<>();
    for (ExportTraceServiceRequest r : requests) {
      for (ResourceSpans rs : r.getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          out.addAll(ss.getSpansList());
        }
      }
    }
    return out;
  }

  /** The decoded export requests. */
  List<ExportTraceServiceRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every byte received, all requests in order (to search for what must never be there). */
  byte[] allBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] b : bodies) {
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** The request headers received, as {@code name: [values]} lines. */
  List<String> headers() {
    return List.copyOf(headerValues);
  }

  /** Waits (bounded) until a span matching {@code wanted} has arrived; false when none did. */
  boolean awaitSpan(Predicate<Span> wanted, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      if (spans().stream().anyMatch(wanted)) {
        return true;
      }
      Thread.sleep(20);
    }
    return spans().stream().anyMatch(wanted);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
