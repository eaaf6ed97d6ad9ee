package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container health check and the start-up training against the real server. */
class HealthProbeTest {
  private static Map<String, String> serverEnv() {
    return Map.of(
        "MCP_JWT_SECRET", ServerHarness.SECRET,
        "QUILT_REGISTRY_URL", "http://127.0.0.1:9",
        "MCP_HOST", "0.0.0.0",
        "MCP_PORT", "0");
  }

  private static QuiltMcpHttpServer start() {
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return QuiltMcpHttpServer.start(serverEnv(), err);
  }

  @Test
  void check_runningServerOnWildcardBind_isHealthy() {
    try (QuiltMcpHttpServer server = start()) {
      assertTrue(
          HealthProbe.check(
              Map.of("MCP_HOST", "0.0.0.0", "MCP_PORT", Integer.toString(server.port()))));
    }
  }

  @Test
  void check_stoppedServer_isUnhealthy() {
    int port;
    try (QuiltMcpHttpServer server = start()) {
      port = server.port();
    }
    assertFalse(HealthProbe.check(Map.of("MCP_PORT", Integer.toString(port))));
  }

  @Test
  void check_badPortSetting_isUnhealthyNotAnException() {
    assertFalse(HealthProbe.check(Map.of("MCP_PORT", "not-a-port")));
  }

  @Test
  void target_wildcardOrUnset_isLoopback_otherwiseTheBoundAddress() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    assertEquals(loopback, HealthProbe.target(null));
    assertEquals(loopback, HealthProbe.target("0.0.0.0"));
    assertEquals(loopback, HealthProbe.target("::"));
    assertEquals(InetAddress.getByName("127.0.0.2"), HealthProbe.target("127.0.0.2"));
  }

  @Test
  void statusCode_readsTheStatusLineOnly() throws Exception {
    assertEquals(503, HealthProbe.statusCode(stream("HTTP/1.1 503 Service Unavailable\r\n")));
    assertEquals(200, HealthProbe.statusCode(stream("HTTP/1.0 200 OK\r\nContent-Length: 2")));
    assertEquals(-1, HealthProbe.statusCode(stream("SSH-2.0-OpenSSH\r\n")));
    assertEquals(-1, HealthProbe.statusCode(stream("HTTP/1.1 abc\r\n")));
    assertEquals(-1, HealthProbe.statusCode(stream("")));
    assertEquals(-1, HealthProbe.statusCode(stream("HTTP/1.1 " + "9".repeat(10_000))));
  }

  @Test
  void startupTraining_getsEveryExpectedAnswerFromTheRealServer() {
    assertEquals(0, StartupTraining.run());
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
