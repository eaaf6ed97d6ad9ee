package com.quiltdata.mcp.tools.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A real HTTP server in front of S3Proxy that counts every request reaching "S3" and can answer
 * with injected S3 errors instead of forwarding. Requests are forwarded unchanged (the {@code Host}
 * header included, which SigV4 signs; the test JVM allows setting it with {@code
 * jdk.httpclient.allowRestrictedHeaders=host}).
 */
public final class CountingFront implements AutoCloseable {
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");
  private static final Set<String> NOT_RETURNED =
      Set.of("content-length", "transfer-encoding", "connection", "date");

  /** An S3 error answer. */
  public record Fault(int status, String code) {}

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final AtomicInteger faultsLeft = new AtomicInteger();
  private final AtomicReference<Fault> fault = new AtomicReference<>();
  private final List<String> securityTokens = new CopyOnWriteArrayList<>();
  private volatile String failingPart;
  private volatile Fault failingFault;
  private volatile Consumer<String> onRequest = line -> {};

  public CountingFront(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  /** {@code METHOD path?query} of every request. */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** Answers the next {@code count} requests with this S3 error instead of forwarding them. */
  public void failNext(int count, int status, String code) {
    fault.set(new Fault(status, code));
    faultsLeft.set(count);
  }

  /**
   * Answers every request whose line contains {@code part} with this S3 error ({@code null} part:
   * stop).
   */
  public void failMatching(String part, int status, String code) {
    this.failingFault = new Fault(status, code);
    this.failingPart = part;
  }

  /** The {@code X-Amz-Security-Token} of every request ("" when absent). */
  public List<String> securityTokens() {
    return List.copyOf(securityTokens);
  }

  /** Runs {@code hook} with each request line as it arrives (before answering). */
  public void onRequest(Consumer<String> hook) {
    this.onRequest = hook;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String line =
          exchange.getRequestMethod()
              + " "
              + exchange.getRequestURI().getRawPath()
              + (exchange.getRequestURI().getRawQuery() == null
                  ? ""
                  : "?" + exchange.getRequestURI().getRawQuery());
      requestLines.add(line);
      String session = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
      securityTokens.add(session == null ? "" : session);
      onRequest.accept(line);
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String part = failingPart;
      boolean matching = part != null && line.contains(part);
      if (matching || faultsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        Fault f = matching ? failingFault : fault.get();
        byte[] xml =
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                    + f.code()
                    + "</Code><Message>injected</Message><RequestId>FRONT0001</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        if ("HEAD".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(f.status(), -1);
        } else {
          exchange.sendResponseHeaders(f.status(), xml.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(xml);
          }
        }
        return;
      }
      forward(exchange, body);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    URI uri =
        URI.create(
            target.toString()
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      if (NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : h.getValue()) {
        request.header(h.getKey(), v);
      }
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null) {
      request.setHeader("Host", host);
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] out = response.body();
    if ("HEAD".equals(exchange.getRequestMethod())) {
      response
          .headers()
          .firstValue("Content-Length")
          .ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
      exchange.sendResponseHeaders(response.statusCode(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
