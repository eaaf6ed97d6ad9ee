package com.quiltdata.mcp.tools.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP Quilt registry ({@code GET /api/auth/get_credentials} with {@code Authorization:
 * Bearer <token>}) that issues the one key pair S3Proxy accepts, with a fresh session token per
 * call and an {@code Expiration} of now (on the test clock) plus a lifetime the test chooses. It
 * can be switched to "down" (503) or "refusing" (401).
 */
public final class CredentialRegistry implements AutoCloseable {
  /** How the registry answers. */
  public enum Mode {
    UP,
    DOWN,
    REFUSING
  }

  /** Session tokens issued start with this. */
  public static final String SESSION_PREFIX = "REGISTRY-SESSION-TOKEN-";

  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Mode mode = Mode.UP;
  private volatile Duration lifetime = Duration.ofHours(1);

  public CredentialRegistry(Clock clock) {
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/api/auth/get_credentials", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** Lifetime of the credentials issued from now on. */
  public void lifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  public int calls() {
    return calls.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int call = calls.incrementAndGet();
      List<String> auth = exchange.getRequestHeaders().get("Authorization");
      if (auth == null || auth.size() != 1 || !auth.get(0).startsWith("Bearer ")) {
        send(exchange, 400, "{\"message\":\"missing bearer token\"}");
        return;
      }
      switch (mode) {
        case DOWN:
          send(exchange, 503, "{\"message\":\"registry unavailable\"}");
          return;
        case REFUSING:
          send(exchange, 401, "{\"message\":\"invalid token\"}");
          return;
        default:
          String expiration =
              clock
                  .instant()
                  .plus(lifetime)
                  .atOffset(ZoneOffset.UTC)
                  .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
          send(
              exchange,
              200,
              "{\"AccessKeyId\":\""
                  + S3ProxyServer.ACCESS_KEY
                  + "\",\"SecretAccessKey\":\""
                  + S3ProxyServer.SECRET_KEY
                  + "\",\"SessionToken\":\""
                  + SESSION_PREFIX
                  + call
                  + "\",\"Expiration\":\""
                  + expiration
                  + "\"}");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
