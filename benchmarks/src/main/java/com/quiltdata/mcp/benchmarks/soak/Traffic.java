package com.quiltdata.mcp.benchmarks.soak;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The requests of the soak: a few users whose tokens are minted afresh every few seconds (so new
 * tokens keep reaching the registry exchange), and legacy sessions shared by both replicas. One
 * call of {@link #next} picks an operation from the mix and sends it to a replica: 2026-07-28
 * {@code auth_status} and {@code bucket_objects_list}, the same two on a legacy session
 * (alternating replicas, so the session must come from Redis), and now and then a session replaced
 * by a new one ({@code initialize}, {@code notifications/initialized}, {@code DELETE} of the old
 * one).
 */
final class Traffic {
  static final String LEGACY = "2025-06-18";
  static final String MODERN = "2026-07-28";
  static final String ISSUER = "quilt-frontend";
  static final String AUDIENCE = "quilt-mcp-server";

  private static final String LIST_ARGS =
      "{\"bucket\":\"%s\",\"prefix\":\"data/\",\"max_keys\":20}";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final List<URI> replicas;
  private final String bucket;
  private final SigningKey key;
  private final LeakScanner scanner;
  private final Recorder recorder;
  private final AtomicReferenceArray<String> tokens;
  private final AtomicReferenceArray<String> sessions;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean stopped;

  Traffic(
      HttpClient client,
      List<URI> replicas,
      String bucket,
      SigningKey key,
      int users,
      int sessions,
      LeakScanner scanner,
      Recorder recorder) {
    this.client = client;
    this.replicas = List.copyOf(replicas);
    this.bucket = bucket;
    this.key = key;
    this.scanner = scanner;
    this.recorder = recorder;
    this.tokens = new AtomicReferenceArray<>(users);
    this.sessions = new AtomicReferenceArray<>(sessions);
    rotateTokens();
  }

  /** Mints a fresh token for every user (the catalog sends a new {@code iat} all the time). */
  void rotateTokens() {
    for (int u = 0; u < tokens.length(); u++) {
      String t =
          JwtMinter.create(key, Clock.systemUTC())
              .enhanced(user(u))
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .buckets(List.of(bucket))
              .permissions(List.of("s3:ListBucket", "s3:GetObject"))
              .ttl(Duration.ofHours(1))
              .mint();
      scanner.addToken(t);
      tokens.set(u, t);
    }
  }

  static String user(int u) {
    return "soak-user-" + u + "@example.com";
  }

  /** Opens every legacy session once; throws when one cannot be opened (the start is broken). */
  void openSessions() {
    for (int s = 0; s < sessions.length(); s++) {
      String id = initialize(s % replicas.size(), userOf(s)).join();
      if (id == null) {
        throw new IllegalStateException("legacy session " + s + " could not be opened");
      }
      sessions.set(s, id);
    }
  }

  /** Sends nothing more, not even the session deletes still scheduled. */
  void stop() {
    stopped = true;
  }

  /** Requests sent so far. */
  long sent() {
    return sent.get();
  }

  /** Sends one request of the mix; the future completes once it is recorded. */
  CompletableFuture<Void> next() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int replica = (int) (sent.incrementAndGet() % replicas.size());
    int pick = rnd.nextInt(100);
    if (pick < 30) {
      return modern(replica, rnd.nextInt(tokens.length()), "auth_status", "{}");
    }
    if (pick < 60) {
      return modern(
          replica,
          rnd.nextInt(tokens.length()),
          "bucket_objects_list",
          LIST_ARGS.formatted(bucket));
    }
    int slot = rnd.nextInt(sessions.length());
    if (pick < 62) {
      return replace(slot, replica);
    }
    String tool = pick < 81 ? "auth_status" : "bucket_objects_list";
    String args = tool.equals("auth_status") ? "{}" : LIST_ARGS.formatted(bucket);
    return legacy(replica, slot, tool, args);
  }

  private int userOf(int slot) {
    return slot % tokens.length();
  }

  /** A {@code tools/call} body; {@code more} is appended to the params (the 2026-07-28 meta). */
  private String toolCall(String tool, String args, String more) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + ids.incrementAndGet()
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + args
        + more
        + "}}";
  }

  private CompletableFuture<Void> modern(int replica, int user, String tool, String args) {
    String meta =
        ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\""
            + MODERN
            + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
    HttpRequest r =
        post(replica, toolCall(tool, args, meta), tokens.get(user))
            .header("MCP-Protocol-Version", MODERN)
            .header("Mcp-Method", "tools/call")
            .header("Mcp-Name", tool)
            .build();
    return send(replica, r, "modern " + tool).thenApply(v -> null);
  }

  private CompletableFuture<Void> legacy(int replica, int slot, String tool, String args) {
    HttpRequest r =
        post(replica, toolCall(tool, args, ""), tokens.get(userOf(slot)))
            .header("MCP-Protocol-Version", LEGACY)
            .header("Mcp-Session-Id", sessions.get(slot))
            .build();
    return send(replica, r, "legacy " + tool).thenApply(v -> null);
  }

  /**
   * Opens a new session for the slot's user and, once it works, deletes the old one (35 s later).
   */
  private CompletableFuture<Void> replace(int slot, int replica) {
    String old = sessions.get(slot);
    return initialize(replica, userOf(slot))
        .thenCompose(
            id -> {
              if (id == null || !sessions.compareAndSet(slot, old, id)) {
                return CompletableFuture.completedFuture(null);
              }
              int other = (replica + 1) % replicas.size();
              HttpRequest delete =
                  HttpRequest.newBuilder(replicas.get(other))
                      .timeout(TIMEOUT)
                      .header("Authorization", "Bearer " + tokens.get(userOf(slot)))
                      .header("MCP-Protocol-Version", LEGACY)
                      .header("Mcp-Session-Id", old)
                      .DELETE()
                      .build();
              // requests that read the old id just before the swap may still be on their way:
              // delete it only once they are answered or timed out, so that a 404 is the server's
              CompletableFuture.delayedExecutor(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)
                  .execute(
                      () -> {
                        if (!stopped) {
                          send(other, delete, "legacy delete");
                        }
                      });
              return CompletableFuture.completedFuture(null);
            });
  }

  /** {@code initialize} then {@code notifications/initialized}; the session id, or null. */
  private CompletableFuture<String> initialize(int replica, int user) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + ids.incrementAndGet()
            + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
            + LEGACY
            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"soak\",\"version\":\"1\"}}}";
    String token = tokens.get(user);
    return send(replica, post(replica, body, token).build(), "legacy initialize")
        .thenCompose(
            r -> {
              String id = r == null ? null : r.headers().firstValue("Mcp-Session-Id").orElse(null);
              if (id == null) {
                return CompletableFuture.completedFuture(null);
              }
              int other = (replica + 1) % replicas.size();
              HttpRequest initialized =
                  post(
                          other,
                          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                          token)
                      .header("MCP-Protocol-Version", LEGACY)
                      .header("Mcp-Session-Id", id)
                      .build();
              return send(other, initialized, "legacy initialized").thenApply(x -> id);
            });
  }

  private HttpRequest.Builder post(int replica, String body, String token) {
    return HttpRequest.newBuilder(replicas.get(replica))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /**
   * Sends, checks and records one request; completes with the response when it was good, else null.
   */
  private CompletableFuture<HttpResponse<String>> send(int replica, HttpRequest r, String what) {
    long start = System.nanoTime();
    return client
        .sendAsync(r, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              long nanos = System.nanoTime() - start;
              ResponseCheck.Verdict v;
              if (failure != null) {
                v = ResponseCheck.failure(failure);
              } else {
                scanner.scan("response", response.body());
                response
                    .headers()
                    .map()
                    .values()
                    .forEach(h -> h.forEach(x -> scanner.scan("header", x)));
                v = ResponseCheck.of(response, what);
              }
              recorder.record(replica, v.outcome(), v.detail(), nanos);
              return v.outcome() == ResponseCheck.Outcome.OK ? response : null;
            });
  }
}
