package com.quiltdata.mcp.server.http;

import static com.quiltdata.mcp.server.http.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.session.redis.RedisServerRig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with {@code MCP_SESSION_STORE=rediss://...} on the real redis-server speaking TLS
 * only: with the test CA in {@code MCP_SESSION_STORE_CA_FILE} it starts, keeps its sessions in
 * Redis and shows the store up in {@code /healthz} without the password; with another CA, or with
 * none (the JVM's trust store), start-up fails with exit status 1 and one clear line, and no server
 * is left listening on memory or plaintext.
 */
class RedisTlsStartupTest {
  private static final String SECRET = "redis-tls-test-signing-secret-0123456789";
  private static final String PASSWORD = "redis-tls-startup-password-0123";
  private static RedisServerRig redis;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  @TempDir Path temp;

  @BeforeAll
  static void startTlsRedis() {
    redis = RedisServerRig.startedWithTls(PASSWORD);
  }

  @AfterAll
  static void stopTlsRedis() {
    redis.close();
  }

  private static Map<String, String> env(String caFile) {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", SECRET);
    env.put("QUILT_REGISTRY_URL", "http://127.0.0.1:9");
    env.put("MCP_PORT", "0");
    env.put("MCP_SESSION_STORE", redis.url());
    env.put("MCP_SESSION_STORE_PASSWORD", PASSWORD);
    if (caFile != null) {
      env.put("MCP_SESSION_STORE_CA_FILE", caFile);
    }
    return env;
  }

  private String stderr() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void testCa_startsWithSessionsInRedisOverTls_healthShowsItUp_withoutThePassword()
      throws Exception {
    Map<String, String> env = env(redis.testCaFile().toString());
    try (ServerAssembly running = Main.start(Main.settings(env, err), err)) {
      String base = "http://127.0.0.1:" + running.server().port();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> init =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/mcp"))
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .POST(HttpRequest.BodyPublishers.ofString(Messages.initialize("2025-06-18")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, init.statusCode(), init.body());
      assertTrue(init.headers().firstValue("Mcp-Session-Id").isPresent(), "a session in Redis");

      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertEquals(
          "rediss://127.0.0.1:" + redis.port() + "/0 up",
          json(health).path("sessionStore").asText(),
          health.body());
      assertFalse(health.body().contains(PASSWORD), health.body());
    }
    assertEquals("", stderr());
  }

  @Test
  void anotherCa_failsStartUp_exit1_oneClearLine_noPassword() throws IOException {
    Path other = temp.resolve("other-ca.pem");
    RedisServerRig.copyResource(RedisServerRig.OTHER_CA, other);
    assertStartUpRefused(env(other.toString()));
  }

  @Test
  void noCaFile_theJvmTrustStore_failsStartUp_exit1() {
    assertStartUpRefused(env(null));
  }

  private void assertStartUpRefused(Map<String, String> env) {
    Main.StartFailure e =
        assertThrows(Main.StartFailure.class, () -> Main.start(Main.settings(env, err), err));
    assertEquals(Main.EXIT_START_FAILURE, e.status);
    String line = stderr();
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.contains("TLS handshake failed"), line);
    assertTrue(line.contains("MCP_SESSION_STORE_CA_FILE"), line);
    assertFalse(line.contains(PASSWORD), line);
  }

  @Test
  void caFile_withAPlainStore_orNoStore_isAConfigurationError_exit2() throws IOException {
    Map<String, String> plain = env(redis.testCaFile().toString());
    plain.put("MCP_SESSION_STORE", "redis://127.0.0.1:" + redis.port());
    Main.StartFailure e = assertThrows(Main.StartFailure.class, () -> Main.settings(plain, err));
    assertEquals(Main.EXIT_CONFIGURATION, e.status);
    assertTrue(stderr().contains("MCP_SESSION_STORE_CA_FILE must be"), stderr());
    assertTrue(stderr().contains("rediss://"), stderr());

    Map<String, String> memory = env(redis.testCaFile().toString());
    memory.remove("MCP_SESSION_STORE");
    assertThrows(Main.StartFailure.class, () -> Main.settings(memory, err));
    assertTrue(stderr().contains("MCP_SESSION_STORE_CA_FILE needs"), stderr());
  }
}
