package com.quiltdata.mcp.auth.internal.credentials;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP Quilt registry on 127.0.0.1 with fault injection. It counts every call (per token
 * too), records what it saw, and answers {@code GET /api/auth/get_credentials} as the current
 * {@link Responder} says. A request whose {@code Authorization} header is not exactly {@code Bearer
 * <token>} is counted as malformed and answered 400.
 */
public final class RegistryStub implements AutoCloseable {
  /** Access keys the stub issues start with this, then a six-digit call number. */
  public static final String ACCESS_KEY_PREFIX = "ASIACANARY";

  /** Secret keys the stub issues start with this. */
  public static final String SECRET_PREFIX = "CANARY-SECRET-KEY-";

  /** Session tokens the stub issues start with this. */
  public static final String SESSION_PREFIX = "CANARY-SESSION-TOKEN-";

  /** What the stub answers. */
  public record Reply(int status, String body, Duration delay, Map<String, String> headers) {
    public static Reply of(int status, String body) {
      return new Reply(status, body, Duration.ZERO, Map.of());
    }

    public Reply after(Duration delay) {
      return new Reply(status, body, delay, headers);
    }

    public Reply withHeader(String name, String value) {
      return new Reply(status, body, delay, Map.of(name, value));
    }
  }

  /** Chooses the reply for one call. */
  @FunctionalInterface
  public interface Responder {
    /**
     * @param token the token from the Authorization header
     * @param call the 1-based number of this call across all tokens
     */
    Reply reply(String token, int call);
  }

  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger malformedHeaders = new AtomicInteger();
  private final Map<String, AtomicInteger> perToken = new ConcurrentHashMap<>();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final List<String> traceparents = new CopyOnWriteArrayList<>();
  private volatile Responder responder;

  private RegistryStub(Clock clock) throws IOException {
    this.clock = clock;
    this.responder = (token, call) -> credentials(clock.instant().plus(Duration.ofHours(1)), call);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a stub issuing one-hour credentials (relative to {@code clock}) to every token. */
  public static RegistryStub start(Clock clock) {
    try {
      return new RegistryStub(clock);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The registry base URL (http://127.0.0.1:port). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Replaces the behaviour. */
  public void respond(Responder responder) {
    this.responder = responder;
  }

  /** Every token gets this reply. */
  public void respond(Reply reply) {
    this.responder = (token, call) -> reply;
  }

  /** Calls received so far (all paths, all tokens). */
  public int calls() {
    return calls.get();
  }

  /** Calls received with this token. */
  public int callsFor(String token) {
    AtomicInteger n = perToken.get(token);
    return n == null ? 0 : n.get();
  }

  /** Calls whose Authorization header was not exactly {@code Bearer <token>}. */
  public int malformedHeaders() {
    return malformedHeaders.get();
  }

  /** {@code METHOD path} of every call. */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** One-hour credentials as the registry issues them, numbered by call. */
  /** The {@code traceparent} header of each call in order ({@code (none)} when absent). */
  public List<String> traceparents() {
    return List.copyOf(traceparents);
  }

  public static Reply credentials(Instant expiration, int call) {
    return Reply.of(
        200,
        credentialsJson(
            accessKey(call),
            SECRET_PREFIX + call + "-abcdefghijklmnopqrstuv",
            SESSION_PREFIX + call + "-FwoGZXIvYXdzEJr",
            expiration.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
  }

  /** The access key id the stub issues on call {@code call}. */
  public static String accessKey(int call) {
    return ACCESS_KEY_PREFIX + String.format("%06d", call);
  }

  /** A registry credentials body with the given field texts. */
  public static String credentialsJson(
      String accessKeyId, String secretAccessKey, String sessionToken, String expiration) {
    return "{\"AccessKeyId\":\""
        + accessKeyId
        + "\",\"SecretAccessKey\":\""
        + secretAccessKey
        + "\",\"SessionToken\":\""
        + sessionToken
        + "\",\"Expiration\":\""
        + expiration
        + "\"}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int call = calls.incrementAndGet();
      requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
      traceparents.add(traceparent == null ? "(none)" : traceparent);
      List<String> headers = exchange.getRequestHeaders().get("Authorization");
      String header = headers == null || headers.size() != 1 ? null : headers.get(0);
      if (header == null
          || !header.startsWith("Bearer ")
          || header.length() <= 7
          || header.indexOf(' ', 7) >= 0) {
        malformedHeaders.incrementAndGet();
        send(exchange, Reply.of(400, "{\"message\":\"bad Authorization header\"}"));
        return;
      }
      String token = header.substring(7);
      perToken.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
      Reply reply = responder.reply(token, call);
      if (!reply.delay().isZero()) {
        try {
          if (closing.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      send(exchange, reply);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "RegistryStub[" + url() + ", calls=" + calls.get() + ", clock=" + clock.instant() + "]";
  }
}
