package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One CPU slot ({@code MCP_CPU_SLOTS=1}) and a tool call waiting on a registry that does not
 * answer: the waiting call holds no slot, so another user's request is served at once, and nobody
 * ran without a slot. Were the wait made in the slot, the second request would wait the full {@code
 * MCP_CPU_SLOT_WAIT_MS} (10 s) and be counted as an overrun.
 */
class CpuSlotsOverHttpTest {
  private static final String ACCESS_KEY = "ASIASLOTSTESTUSER001";
  private static final String SECRET_KEY = "s3proxy-secret-for-the-slots-test-0123456789";

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final HttpClient client = HttpClient.newHttpClient();
  private CredentialRig rig;
  private ServerAssembly running;

  @BeforeEach
  void start() throws Exception {
    rig =
        new CredentialRig(
            List.of(ACCESS_KEY, SECRET_KEY, "slots-test-session"),
            List.of("quilt-slots"),
            List.of("data/a.csv"));
    Map<String, String> env = rig.serverEnvironment();
    env.put("MCP_CPU_SLOTS", "1");
    env.put("MCP_CPU_SLOT_WAIT_MS", "10000");
    running = Main.start(Main.settings(env, err), err);
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close();
    }
    rig.close();
  }

  private static String token(String subject) {
    return JwtMinter.create(SigningKey.ofUtf8(null, ServerHarness.SECRET), Clock.systemUTC())
        .enhanced(subject)
        .buckets(List.of("quilt-slots"))
        .permissions(List.of("s3:ListBucket", "s3:GetObject"))
        .mint();
  }

  /** A 2026-07-28 tools/call (no session: each call stands alone). */
  private HttpResponse<String> call(int id, String tool, String arguments, String token)
      throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + arguments
            + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.server().port() + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", "tools/call")
            .header("Mcp-Name", tool)
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCallWaitingOnTheRegistryHoldsNoSlot() throws Exception {
    assertEquals("CpuSlots[1, maxWait=10000ms]", running.server().cpuSlots().toString());
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    rig.holdCredentials(arrived, release);
    String waiting = token("waiting@example.com");
    CompletableFuture<HttpResponse<String>> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return call(1, "bucket_objects_list", "{\"bucket\":\"quilt-slots\"}", waiting);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      assertTrue(arrived.await(30, TimeUnit.SECONDS), "the call reached the registry");

      HttpResponse<String> other = call(2, "auth_status", "{}", token("other@example.com"));
      assertEquals(200, other.statusCode(), other.body());
      assertFalse(slow.isDone(), "the first call is still waiting on the registry");
      assertEquals(0, running.server().cpuSlots().overruns(), "the second request had a slot");
      assertEquals(1, running.server().cpuSlots().available(), "the waiting call holds none");
    } finally {
      release.countDown();
    }
    HttpResponse<String> done = slow.get(30, TimeUnit.SECONDS);
    assertEquals(200, done.statusCode(), done.body());
    JsonNode result = ServerHarness.JSON.readTree(done.body()).get("result");
    assertFalse(result.get("isError").asBoolean(), done.body());
    assertEquals(1, result.get("structuredContent").get("key_count").asInt());
    assertEquals(0, running.server().cpuSlots().overruns());
    assertEquals(1, running.server().cpuSlots().available(), "every slot was given back");
  }
}
