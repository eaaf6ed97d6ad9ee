package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up from environment variables only, and the exit statuses of failed starts. */
class MainTest {
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private String stderr() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", ServerHarness.SECRET);
    env.put("QUILT_REGISTRY_URL", "http://127.0.0.1:9"); // never contacted by these tests
    env.put("MCP_PORT", "0");
    env.put("MCP_TEST_TOOLS", "conformance");
    return env;
  }

  @Test
  void envOnly_startsAServerThatServesTheConformanceTools() throws Exception {
    try (ServerAssembly running = Main.start(Main.settings(env(), err), err)) {
      int port = running.server().port();
      assertTrue(port > 0);
      String token =
          JwtMinter.create(SigningKey.ofUtf8(null, ServerHarness.SECRET), Clock.systemUTC())
              .enhanced("conformance@example.com")
              .mint();
      HttpClient client = HttpClient.newHttpClient();
      URI mcp = URI.create("http://127.0.0.1:" + port + "/mcp");
      HttpResponse<String> init =
          client.send(
              HttpRequest.newBuilder(mcp)
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(Messages.initialize("2025-06-18")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, init.statusCode());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      HttpResponse<String> call =
          client.send(
              HttpRequest.newBuilder(mcp)
                  .header("Authorization", "Bearer " + token)
                  .header("Mcp-Session-Id", session)
                  .header("MCP-Protocol-Version", "2025-06-18")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Messages.call(2, "test_simple_text", "{}")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, call.statusCode(), call.body());
      assertTrue(call.body().contains("This is a simple text response for testing."));
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    }
    assertEquals("", stderr());
  }

  @Test
  void configurationProblem_isExit2WithOneLineAndNoSecret() {
    Map<String, String> env = env();
    env.remove("QUILT_REGISTRY_URL");
    assertEquals(Main.EXIT_CONFIGURATION, Main.run(env, err));
    String out = stderr();
    assertTrue(out.startsWith("quilt-mcp-server: QUILT_REGISTRY_URL"), out);
    assertEquals(1, out.lines().count());
    assertFalse(out.contains(ServerHarness.SECRET));
    assertFalse(out.contains("\tat "), "no stack trace");
  }

  @Test
  void shortSecret_isExit2WithoutTheSecret() {
    Map<String, String> env = env();
    env.put("MCP_JWT_SECRET", "too-short-Zq9x");
    assertEquals(Main.EXIT_CONFIGURATION, Main.run(env, err));
    assertFalse(stderr().contains("too-short-Zq9x"));
    assertEquals(1, stderr().lines().count());
  }

  @Test
  void portInUse_isExit1WithAClearLine() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Map<String, String> env = env();
      env.put("MCP_PORT", Integer.toString(busy.getLocalPort()));
      Main.StartFailure e =
          assertThrows(Main.StartFailure.class, () -> Main.start(Main.settings(env, err), err));
      assertEquals(Main.EXIT_START_FAILURE, e.status);
      assertTrue(stderr().contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()), stderr());
      assertEquals(1, stderr().lines().count());
    }
  }
}
