package com.quiltdata.mcp.server.http;

import static com.quiltdata.mcp.server.http.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.session.redis.RedisServerRig;
import com.quiltdata.mcp.session.redis.RoundRobinFront;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas, as {@link ServerAssembly} wires them with {@code MCP_SESSION_STORE=redis://...},
 * on one real redis-server, behind a round-robin {@link RoundRobinFront} without stickiness: the
 * Quilt frontend's legacy-protocol flow works whichever replica each request lands on, survives a
 * replica being killed, and survives Redis being stopped for 10 s and started again.
 */
class ReplicasBehindFrontTest {
  private static final String SECRET = "replicas-test-signing-secret-0123456789ab";
  private static final String PASSWORD = "replicas-redis-password-0123";
  private static final String LEGACY = "2024-11-05";
  private final TestClock clock = new TestClock(Instant.now());
  private final SigningKey key = SigningKey.ofUtf8("frontend-enhanced", SECRET);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ServerAssembly> replicas = new ArrayList<>();
  private RedisServerRig redis;
  private RoundRobinFront front;
  private int t;

  @BeforeEach
  void start() throws IOException {
    redis = RedisServerRig.started(PASSWORD);
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ServerAssembly replica = replica();
      replicas.add(replica);
      ports.add(replica.server().port());
    }
    front = new RoundRobinFront(ports);
  }

  private ServerAssembly replica() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", SECRET);
    env.put("MCP_JWT_KID", "frontend-enhanced");
    env.put("QUILT_REGISTRY_URL", "http://127.0.0.1:9");
    env.put("MCP_PORT", "0");
    env.put("MCP_SESSION_STORE", "redis://127.0.0.1:" + redis.port());
    env.put("MCP_SESSION_STORE_PASSWORD", PASSWORD);
    return ServerAssembly.start(WebEnvironment.read(env), "test", clock);
  }

  @AfterEach
  void stop() {
    List<AutoCloseable> all = new ArrayList<>();
    all.add(front);
    all.addAll(replicas);
    all.add(redis);
    for (AutoCloseable c : all) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  /** A freshly signed token, as the frontend sends on every request (new iat each time). */
  private String token(String subject) {
    clock.advance(Duration.ofSeconds(1));
    return JwtMinter.create(key, clock)
        .enhanced(subject)
        .buckets(List.of("quilt-demos"))
        .permissions(List.of("s3:GetObject"))
        .mint();
  }

  /** The frontend's request: {@code /mcp/?t=...}, the session header once it has one. */
  private HttpRequest.Builder frontend(String session, String token) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/mcp/?t=" + t++))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream");
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", LEGACY);
    }
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return r;
  }

  private HttpResponse<String> post(String body, String session, String token) {
    return send(frontend(session, token).POST(HttpRequest.BodyPublishers.ofString(body)));
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

  private static String servedBy(HttpResponse<String> r) {
    return r.headers().firstValue(RoundRobinFront.SERVED_BY).orElse("none");
  }

  private String initializeAnonymously() {
    HttpResponse<String> init = post(Messages.initialize(LEGACY), null, null);
    assertEquals(200, init.statusCode(), init.body());
    assertEquals(LEGACY, json(init).path("result").path("protocolVersion").asText());
    return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private void assertAuthStatusOf(String subject, HttpResponse<String> call) {
    assertEquals(200, call.statusCode(), call.body());
    JsonNode result = json(call).path("result");
    assertFalse(result.path("isError").asBoolean(), call.body());
    assertEquals(subject, result.path("structuredContent").path("subject").asText());
  }

  @Test
  void quiltFrontendReplay_landsOnEveryReplica_andSurvivesOneBeingKilled() {
    String session = initializeAnonymously();
    // the front is strictly round-robin: request n goes to replica n % 3 while all are up
    Set<String> tokens = new HashSet<>();
    String onB = token("alice@example.com");
    String onC = token("alice@example.com");
    assertTrue(tokens.add(onB) && tokens.add(onC), "each call carries a newly signed token");
    HttpResponse<String> b = post(Messages.call(10, "auth_status", "{}"), session, onB);
    assertEquals("1", servedBy(b));
    assertAuthStatusOf("alice@example.com", b);
    HttpResponse<String> c = post(Messages.call(11, "auth_status", "{}"), session, onC);
    assertEquals("2", servedBy(c));
    assertAuthStatusOf("alice@example.com", c);

    HttpResponse<String> mallory =
        post(Messages.call(12, "auth_status", "{}"), session, token("mallory@example.com"));
    assertEquals("0", servedBy(mallory));
    assertEquals(404, mallory.statusCode(), "bound to alice on B: unknown to anyone else on A");
    assertFalse(mallory.body().contains("alice"));

    HttpResponse<String> list = post(Messages.TOOLS_LIST, session, token("alice@example.com"));
    assertEquals("1", servedBy(list));
    assertEquals(200, list.statusCode());
    HttpResponse<String> delete = send(frontend(session, token("alice@example.com")).DELETE());
    assertEquals("2", servedBy(delete));
    assertEquals(204, delete.statusCode());
    HttpResponse<String> gone = post(Messages.TOOLS_LIST, session, token("alice@example.com"));
    assertEquals("0", servedBy(gone));
    assertEquals(404, gone.statusCode(), "DELETE on C ended the session for A too");

    // a second session in use, then replica B is killed: its clients go on on A and C
    String second = initializeAnonymously();
    assertAuthStatusOf(
        "bob@example.com",
        post(Messages.call(20, "auth_status", "{}"), second, token("bob@example.com")));
    replicas.get(1).close();
    Set<String> servers = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> call =
          post(Messages.call(30 + i, "auth_status", "{}"), second, token("bob@example.com"));
      assertAuthStatusOf("bob@example.com", call);
      servers.add(servedBy(call));
    }
    assertEquals(Set.of("0", "2"), servers);
    assertTrue(front.skipped() >= 2, "the dead replica was skipped: " + front.skipped());
    assertEquals(
        404,
        post(Messages.TOOLS_LIST, second, token("mallory@example.com")).statusCode(),
        "still bound to bob after the replica that bound it is gone");
  }

  @Test
  void redisStoppedForTenSeconds_cleanRetryable503s_thenRecovers_withNothingLost() {
    String alices = initializeAnonymously();
    assertAuthStatusOf(
        "alice@example.com",
        post(Messages.call(10, "auth_status", "{}"), alices, token("alice@example.com")));
    String anonymous = initializeAnonymously();

    redis.stop();
    long outageStart = System.nanoTime();
    Set<String> replicasSeen = new HashSet<>();
    int rounds = 0;
    while (System.nanoTime() - outageStart < Duration.ofSeconds(10).toNanos()) {
      rounds++;
      HttpResponse<String> legacy =
          post(Messages.call(20, "auth_status", "{}"), alices, token("alice@example.com"));
      assertCleanUnavailable(legacy);
      replicasSeen.add(servedBy(legacy));
      HttpResponse<String> newSession = post(Messages.initialize(LEGACY), null, null);
      assertCleanUnavailable(newSession);
      assertTrue(
          newSession.headers().firstValue("Mcp-Session-Id").isEmpty(),
          "no session is created locally behind the store's back");
      HttpResponse<String> modern =
          send(
              frontend(null, token("alice@example.com"))
                  .header("MCP-Protocol-Version", "2026-07-28")
                  .header("Mcp-Method", "tools/list")
                  .POST(HttpRequest.BodyPublishers.ofString(Messages.modern("tools/list", null))));
      assertEquals(200, modern.statusCode(), modern.body());
      assertTrue(modern.body().contains("auth_status"));
      HttpResponse<String> health =
          send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/healthz")));
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(json(health).path("sessionStore").asText().contains("down"), health.body());
      assertFalse(health.body().contains(PASSWORD));
    }
    assertEquals(Set.of("0", "1", "2"), replicasSeen, "every replica answered during the outage");

    redis.start();
    // each replica's client reconnects on its own (with back-off); until then clean 503s only
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<String> recovered = new HashSet<>();
    while (recovered.size() < 3 && System.nanoTime() < deadline) {
      HttpResponse<String> back =
          post(Messages.call(30, "auth_status", "{}"), alices, token("alice@example.com"));
      if (back.statusCode() == 503) {
        assertCleanUnavailable(back);
        pause();
      } else {
        assertAuthStatusOf("alice@example.com", back);
        recovered.add(servedBy(back));
      }
    }
    assertEquals(Set.of("0", "1", "2"), recovered, "every replica recovered within 30 s");
    assertTrue(rounds > 0);
    assertEquals(
        404,
        post(Messages.TOOLS_LIST, alices, token("mallory@example.com")).statusCode(),
        "the binding stored before the outage is still there");
    assertAuthStatusOf(
        "bob@example.com",
        post(Messages.call(40, "auth_status", "{}"), anonymous, token("bob@example.com")));
    assertNotEquals(alices, anonymous);
  }

  private static void assertCleanUnavailable(HttpResponse<String> r) {
    assertEquals(503, r.statusCode(), r.body());
    assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        r.headers().map().toString());
    assertEquals(
        "session_store_unavailable", json(r).path("error").path("data").path("reason").asText());
    assertFalse(r.body().contains(PASSWORD));
  }

  /** Paces the polling loop; not an assertion of timing. */
  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
