package com.quiltdata.mcp.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The management listener: {@code GET /metrics} (Prometheus text) on its own address and port,
 * nothing else (404 for other paths, 405 for other methods). One thread; it never sees an MCP
 * request, a token or a session.
 */
final class MetricsListener {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param host the address to bind
   * @param port the port (0: any free one, for tests)
   */
  MetricsListener(String host, int port, ServerMetrics metrics) {
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen for metrics on "
              + McpHttpServer.authority(host, port)
              + " (MCP_METRICS_HOST, MCP_METRICS_PORT); is the port in use?",
          e);
    }
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "mcp-metrics");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> answer(exchange, metrics));
  }

  /** Starts serving. */
  MetricsListener start() {
    server.start();
    return this;
  }

  /** The bound port. */
  int port() {
    return server.getAddress().getPort();
  }

  /** Stops at once. */
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void answer(HttpExchange exchange, ServerMetrics metrics) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at /metrics\n");
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      send(exchange, 200, CONTENT_TYPE, metrics.scrape());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
