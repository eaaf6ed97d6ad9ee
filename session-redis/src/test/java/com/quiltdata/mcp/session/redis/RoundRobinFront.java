package com.quiltdata.mcp.session.redis;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A round-robin HTTP front on loopback, as a load balancer without stickiness: each request goes to
 * the next replica; a replica that refuses the connection is skipped (the request goes to the one
 * after it). Responses stream through as they arrive, so SSE works. The replica that served a
 * request is named in the {@code X-Front-Replica} response header (its index), for assertions, and
 * the front counts per replica the requests it served and those of them that carried an {@code
 * Mcp-Session-Id} (legacy session requests), for clients whose responses a test cannot see.
 *
 * <p>Test code shared by server-javalin's in-process replicas and interop-tests' packaged-jar
 * replicas (it lives in session-redis's test-jar next to {@link RedisServerRig}); it uses the JDK
 * only.
 */
public final class RoundRobinFront implements AutoCloseable {
  /** Response header naming the index of the replica that served the request. */
  public static final String SERVED_BY = "X-Front-Replica";

  private static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "host",
          "connection",
          "content-length",
          "transfer-encoding",
          "expect",
          "upgrade",
          "keep-alive",
          "te",
          "trailer");

  private final List<Integer> ports;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(RoundRobinFront::daemon);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicIntegerArray served;
  private final AtomicIntegerArray sessionRequests;

  /** Starts a front on a free loopback port over replicas on these loopback ports. */
  public RoundRobinFront(List<Integer> replicaPorts) throws IOException {
    this.ports = List.copyOf(replicaPorts);
    this.served = new AtomicIntegerArray(ports.size());
    this.sessionRequests = new AtomicIntegerArray(ports.size());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The front's port on 127.0.0.1. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Times a replica was skipped because it did not accept a connection. */
  public int skipped() {
    return skipped.get();
  }

  /** Requests each replica has served so far (index = replica). */
  public int[] servedPerReplica() {
    return snapshot(served);
  }

  /** Requests carrying {@code Mcp-Session-Id} each replica has served so far (index = replica). */
  public int[] sessionRequestsPerReplica() {
    return snapshot(sessionRequests);
  }

  private static int[] snapshot(AtomicIntegerArray counts) {
    int[] out = new int[counts.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = counts.get(i);
    }
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = readBounded(exchange.getRequestBody());
      int start = Math.floorMod(next.getAndIncrement(), ports.size());
      for (int attempt = 0; attempt < ports.size(); attempt++) {
        int replica = (start + attempt) % ports.size();
        HttpResponse<InputStream> answer = forward(exchange, body, ports.get(replica));
        if (answer != null) {
          served.incrementAndGet(replica);
          if (exchange.getRequestHeaders().containsKey(SESSION_HEADER)) {
            sessionRequests.incrementAndGet(replica);
          }
          relay(exchange, answer, replica);
          return;
        }
        skipped.incrementAndGet();
      }
      exchange.sendResponseHeaders(502, -1);
    } finally {
      exchange.close();
    }
  }

  /** The replica's response, or {@code null} when the replica is down. */
  private HttpResponse<InputStream> forward(HttpExchange exchange, byte[] body, int port)
      throws IOException {
    URI uri = exchange.getRequestURI();
    String target =
        "http://127.0.0.1:"
            + port
            + uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        h.getValue().forEach(v -> request.header(h.getKey(), v));
      }
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      if (accepts(port)) {
        throw e; // the replica is up: a real failure, not a dead replica
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void relay(HttpExchange exchange, HttpResponse<InputStream> answer, int replica)
      throws IOException {
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    exchange.getResponseHeaders().set(SERVED_BY, Integer.toString(replica));
    long declared = answer.headers().firstValueAsLong("Content-Length").orElse(-1L);
    int status = answer.statusCode();
    boolean empty = status == 204 || status == 304 || declared == 0;
    try (InputStream in = answer.body()) {
      exchange.sendResponseHeaders(status, empty ? -1 : 0);
      if (!empty) {
        OutputStream out = exchange.getResponseBody();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush(); // SSE events go on as they come
        }
      }
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new IOException("request body over " + MAX_BODY + " bytes");
    }
    return body;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "round-robin-front");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
