package com.quiltdata.mcp.server.http;

import static com.quiltdata.mcp.server.http.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.session.redis.RedisServerRig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as {@link ServerAssembly} wires it with {@code MCP_SESSION_STORE=redis://...}, on a
 * real redis-server the test starts: two servers share sessions, and while Redis is down a legacy
 * request that needs its session gets a clean retryable 503, while health and 2026-07-28 requests
 * keep working; after Redis is back the session stored before is still there.
 */
class RedisSessionsHttpTest {
  private static final String SECRET = "redis-http-test-signing-secret-0123456789";
  private final TestClock clock = new TestClock(Instant.now());
  private final SigningKey key = SigningKey.ofUtf8("frontend-enhanced", SECRET);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RedisServerRig redis;
  private ServerAssembly a;
  private ServerAssembly b;

  @BeforeEach
  void start() {
    redis = RedisServerRig.started("redis-test-password-0123");
    a = server();
    b = server();
  }

  private ServerAssembly server() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", SECRET);
    env.put("MCP_JWT_KID", "frontend-enhanced");
    env.put("QUILT_REGISTRY_URL", "http://127.0.0.1:9");
    env.put("MCP_PORT", "0");
    env.put("MCP_SESSION_STORE", "redis://127.0.0.1:" + redis.port());
    env.put("MCP_SESSION_STORE_PASSWORD", "redis-test-password-0123");
    return ServerAssembly.start(WebEnvironment.read(env), "test", clock);
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {a, b, redis}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  private String token(String subject) {
    clock.advance(Duration.ofSeconds(1));
    return JwtMinter.create(key, clock)
        .enhanced(subject)
        .buckets(List.of("quilt-demos"))
        .permissions(List.of("s3:GetObject"))
        .mint();
  }

  private HttpResponse<String> post(ServerAssembly to, String body, String token, String session) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.server().port() + "/mcp"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    return send(r);
  }

  private HttpResponse<String> send(HttpRequest.Builder r) {
    try {
      return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void sessionsAreShared_andARedisOutageIsAClean503_thenRecovers() {
    HttpResponse<String> init = post(a, Messages.initialize("2025-06-18"), null, null);
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(200, post(b, Messages.TOOLS_LIST, token("alice"), session).statusCode());
    assertEquals(
        404,
        post(a, Messages.TOOLS_LIST, token("mallory"), session).statusCode(),
        "bound to alice on B, so another user on A sees no such session");

    redis.stop();
    HttpResponse<String> down = post(a, Messages.TOOLS_LIST, token("alice"), session);
    assertEquals(503, down.statusCode(), down.body());
    assertEquals("1", down.headers().firstValue("Retry-After").orElse(""));
    assertEquals(
        "session_store_unavailable", json(down).path("error").path("data").path("reason").asText());
    assertFalse(down.body().contains("redis-test-password"));
    HttpResponse<String> health =
        send(
            HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + a.server().port() + "/healthz")));
    assertEquals(200, health.statusCode());
    assertTrue(json(health).path("sessionStore").asText().contains("down"), health.body());
    assertFalse(health.body().contains("redis-test-password"));

    redis.start();
    // the client reconnects on its own (with back-off): until then, clean 503s only
    HttpResponse<String> back = post(b, Messages.TOOLS_LIST, token("alice"), session);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (back.statusCode() == 503 && System.nanoTime() < deadline) {
      assertEquals(
          "session_store_unavailable",
          json(back).path("error").path("data").path("reason").asText());
      sleep(200);
      back = post(b, Messages.TOOLS_LIST, token("alice"), session);
    }
    assertEquals(200, back.statusCode(), back.body());
    assertTrue(back.body().contains("auth_status"));
    HttpResponse<String> healthy =
        send(
            HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + b.server().port() + "/healthz")));
    assertTrue(json(healthy).path("sessionStore").asText().contains("up"), healthy.body());
  }
}
