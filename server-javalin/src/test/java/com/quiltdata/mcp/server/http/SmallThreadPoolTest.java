package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The smallest pool MCP_MAX_THREADS accepts, on platform threads, still serves a session. */
class SmallThreadPoolTest {
  private ServerHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void minimalPlatformPool_servesInitializeAndAToolCall() {
    h =
        new ServerHarness(
            c -> c.useVirtualThreads(false).maxThreads(HttpServerConfig.MIN_THREADS), List.of());
    String token = h.token("alice", "quilt-demos");
    String session = h.session(token);
    var response =
        h.send(
            h.post(
                    "/mcp",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"auth_status\",\"arguments\":{}}}")
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18"));
    assertEquals(200, response.statusCode(), response.body());
    assertFalse(ServerHarness.json(response).path("result").path("isError").asBoolean());
  }
}
