package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.session.redis.RedisServerRig;
import com.quiltdata.mcp.session.redis.RoundRobinFront;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three packaged servers ({@code java -jar quilt-mcp-server.jar}, three child processes) on one
 * real redis-server speaking TLS only ({@code MCP_SESSION_STORE=rediss://...} with a password, its
 * test CA trusted through {@code MCP_SESSION_STORE_CA_FILE}), behind the round-robin {@link
 * RoundRobinFront} without stickiness: the official TypeScript client and the official conformance
 * suite, pointed at the front, see what they see on one server. The front counts the requests that
 * carried {@code Mcp-Session-Id} per replica, so each test also shows that one client's legacy
 * session was served by every replica; and a client's {@code notifications/cancelled}, which the
 * front sends to another replica than the call's, reaches the call through the replicas' Redis
 * relay.
 */
class ReplicasBehindFrontIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int REPLICAS = 3;

  /** Three JVMs start at once: on a busy 2-core machine each takes longer than a lone server. */
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private static final String SUBJECT = "replicas-interop@example.com";
  private static final TestTokens TOKENS = TestTokens.random();
  private static final String REDIS_PASSWORD = randomPassword();

  private static RedisServerRig redis;
  private static final List<HttpServerProcess> replicas = new ArrayList<>();
  private static RoundRobinFront front;

  @BeforeAll
  static void startReplicasBehindTheFront() throws Exception {
    redis = RedisServerRig.startedWithTls(REDIS_PASSWORD);
    Map<String, String> store =
        Map.of(
            "MCP_SESSION_STORE",
            redis.url(),
            "MCP_SESSION_STORE_PASSWORD",
            REDIS_PASSWORD,
            "MCP_SESSION_STORE_CA_FILE",
            redis.testCaFile().toString(),
            "MCP_SESSION_STORE_KEY_PREFIX",
            "interop-replicas:");
    ExecutorService starter = Executors.newFixedThreadPool(REPLICAS);
    try {
      List<Callable<HttpServerProcess>> starts = new ArrayList<>();
      for (int i = 0; i < REPLICAS; i++) {
        String logName = "replica-" + i;
        starts.add(() -> HttpServerProcess.start(TOKENS.secret(), logName, store, STARTUP));
      }
      for (Future<HttpServerProcess> started : starter.invokeAll(starts)) {
        replicas.add(started.get()); // a failed start fails the class, with the server's log
      }
    } finally {
      starter.shutdownNow();
    }
    front = new RoundRobinFront(replicas.stream().map(HttpServerProcess::port).toList());
  }

  @AfterAll
  static void stopEverything() {
    if (front != null) {
      front.close();
    }
    replicas.forEach(HttpServerProcess::close);
    if (redis != null) {
      redis.close();
    }
  }

  private static String frontUrl() {
    return "http://127.0.0.1:" + front.port() + "/mcp";
  }

  private static String logs() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < replicas.size(); i++) {
      out.append("--- replica ").append(i).append(" ---\n").append(replicas.get(i).logTail());
    }
    return out.toString();
  }

  /**
   * Requests with {@code Mcp-Session-Id} each replica served since {@code before}: every one must
   * be above zero (printed, for the record).
   */
  private static void assertEveryReplicaServedSessionRequests(int[] before, String why) {
    int[] after = front.sessionRequestsPerReplica();
    int[] delta = new int[after.length];
    for (int i = 0; i < after.length; i++) {
      delta[i] = after[i] - before[i];
    }
    System.out.println(
        "session requests per replica: " + Arrays.toString(delta) + " (" + why + ")");
    for (int i = 0; i < delta.length; i++) {
      assertTrue(
          delta[i] > 0, "replica " + i + " served no session request: " + Arrays.toString(delta));
    }
  }

  @Test
  void sdkClient_throughTheFront_oneSessionServedByEveryReplica_endsWith404Everywhere()
      throws Exception {
    int[] before = front.sessionRequestsPerReplica();

    ChildProcess.Outcome outcome =
        NodeScripts.run(
            List.of("sdk-client.mjs", "http", frontUrl(), "--expect-subject", SUBJECT),
            Map.of("MCP_BEARER_TOKEN", TOKENS.mint(SUBJECT)),
            TIMEOUT,
            "replicas-sdk-client");

    HttpSdkClientIT.assertAWholeSession(outcome, SUBJECT, logs());
    assertEveryReplicaServedSessionRequests(before, "sdk-client");
    for (int i = 0; i < REPLICAS; i++) {
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(frontUrl().replace("/mcp", "/healthz")))
                      .timeout(TIMEOUT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(
          health.body().contains(" up"), "the store is up on every replica: " + health.body());
      assertFalse(health.body().contains(REDIS_PASSWORD), health.body());
    }
  }

  /**
   * Progress over SSE through the front, then a slow call cancelled by the client: the front sends
   * the {@code notifications/cancelled} to another replica than the call's (round robin), which
   * relays it through Redis. While the client is still connected (its stream to the call's replica
   * open, so only the relay can have stopped the call), every replica is asked directly what became
   * of its latest slow call: the call's own replica says cancelled and works no further, and no
   * replica is still running one.
   */
  @Test
  void sdkClient_throughTheFront_receivesProgress_andItsCancellationReachesTheCallsReplica()
      throws Exception {
    String direct = String.join(",", replicas.stream().map(HttpServerProcess::mcpUrl).toList());
    ChildProcess.Outcome outcome =
        NodeScripts.run(
            List.of("streaming-client.mjs", "http", frontUrl(), "--report-from", direct),
            Map.of("MCP_BEARER_TOKEN", TOKENS.mint(SUBJECT)),
            TIMEOUT,
            "replicas-streaming-client");

    String why = outcome.describe() + "\n--- server logs (tail) ---\n" + logs();
    assertEquals(0, outcome.exitCode(), why);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    assertTrue(seen.path("ok").asBoolean(), why);
    assertTrue(seen.path("logging").asBoolean(), why);
    assertEquals("[0,50,100]", seen.path("progress").toString(), why);
    assertEquals("aborted", seen.path("slowOutcome").asText(), why);
    int call = seen.path("callServedBy").asInt(-1);
    int cancel = seen.path("cancelServedBy").asInt(-1);
    assertTrue(call >= 0 && cancel >= 0 && call != cancel, "call and cancel replicas: " + why);
    JsonNode report = seen.path("serverReport");
    assertEquals("cancelled", report.path("state").asText(), why);
    assertTrue(report.path("steps").asInt() < report.path("planned").asInt(), why);
    assertEquals(report.path("steps").asInt(), seen.path("stepsAfterASecond").asInt(), why);
    for (JsonNode r : seen.path("replicaReports")) {
      assertFalse("running".equals(r.path("state").asText()), why);
    }
  }

  @Test
  void conformanceSuite_throughTheFront_passesTheSingleServerBaseline() throws Exception {
    int[] before = front.sessionRequestsPerReplica();

    ConformanceRun.assertPassesBaseline(
        frontUrl(),
        TOKENS.mint("conformance@example.com"),
        "replicas-conformance",
        ReplicasBehindFrontIT::logs);

    assertEveryReplicaServedSessionRequests(before, "conformance suite");
    for (int i = 0; i < replicas.size(); i++) {
      String log =
          Files.readString(ChildProcess.errFile("replica-" + i))
              + Files.readString(ChildProcess.outFile("replica-" + i));
      assertFalse(log.contains(REDIS_PASSWORD), "replica " + i + " logged the Redis password");
      assertTrue(log.contains("session store connected"), "replica " + i + " used Redis: " + log);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return "interop-" + HexFormat.of().formatHex(bytes);
  }
}
