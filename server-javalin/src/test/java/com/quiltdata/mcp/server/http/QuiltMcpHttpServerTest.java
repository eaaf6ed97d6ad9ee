package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public start-up entry: the production path from a map, with Main's exit statuses. */
class QuiltMcpHttpServerTest {
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final HttpClient client = HttpClient.newHttpClient();

  private String stderr() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", ServerHarness.SECRET);
    env.put("QUILT_REGISTRY_URL", "http://127.0.0.1:9"); // never contacted here
    env.put("MCP_HOST", "127.0.0.1");
    env.put("MCP_PORT", "0");
    return env;
  }

  private int health(int port) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void start_fromAMap_servesUntilClosed() throws Exception {
    int port;
    try (QuiltMcpHttpServer server = QuiltMcpHttpServer.start(env(), err)) {
      port = server.port();
      assertTrue(port > 0);
      assertEquals("127.0.0.1", server.host());
      assertEquals(200, health(port));
    }
    int closedPort = port;
    assertThrows(ConnectException.class, () -> health(closedPort));
    assertEquals("", stderr());
  }

  @Test
  void close_isIdempotentAndReleasesAwaitStop() throws Exception {
    QuiltMcpHttpServer server = QuiltMcpHttpServer.start(env(), err);
    server.close();
    server.close();
    server.awaitStop(); // returns at once: close has finished
    assertEquals("", stderr());
  }

  @Test
  void missingSecret_isExitStatus2WithOneLineAndNoFallback() {
    Map<String, String> env = env();
    env.remove("MCP_JWT_SECRET");
    QuiltMcpHttpServer.StartException e =
        assertThrows(
            QuiltMcpHttpServer.StartException.class, () -> QuiltMcpHttpServer.start(env, err));
    assertEquals(2, e.exitStatus());
    assertTrue(stderr().startsWith("quilt-mcp-server: "), stderr());
    assertEquals(1, stderr().lines().count());
    assertFalse(e.getMessage().contains(ServerHarness.SECRET));
  }

  @Test
  void portInUse_isExitStatus1() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> env = env();
      env.put("MCP_PORT", Integer.toString(busy.getLocalPort()));
      QuiltMcpHttpServer.StartException e =
          assertThrows(
              QuiltMcpHttpServer.StartException.class, () -> QuiltMcpHttpServer.start(env, err));
      assertEquals(1, e.exitStatus());
      assertTrue(stderr().contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()), stderr());
    }
  }
}
