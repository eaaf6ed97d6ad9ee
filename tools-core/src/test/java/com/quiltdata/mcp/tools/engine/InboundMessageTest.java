package com.quiltdata.mcp.tools.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.EngineHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboundMessageTest {
  private final McpEngine engine = EngineHarness.builder(CountingAuthorizer.allowing()).build();

  private InboundMessage parse(String json) {
    return engine.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void request_legacyToolsCall_needsSessionAndIsNotHandshake() {
    InboundMessage m =
        parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
    assertEquals(InboundMessage.Kind.REQUEST, m.kind());
    assertEquals(Era.LEGACY, m.era());
    assertTrue(m.requiresSession());
    assertFalse(m.isHandshake());
    assertEquals("x", m.toolName().orElseThrow());
    assertEquals("tools/call", m.method().orElseThrow());
  }

  @Test
  void handshakeMethods_areMarked() {
    for (String method : new String[] {"ping", "server/discover", "notifications/initialized"}) {
      String json =
          method.startsWith("notifications/")
              ? "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}"
              : "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\"}";
      assertTrue(parse(json).isHandshake(), method);
    }
    assertFalse(parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").isHandshake());
  }

  @Test
  void notificationAndResponse_kinds() {
    assertEquals(
        InboundMessage.Kind.NOTIFICATION,
        parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").kind());
    InboundMessage response = parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    assertEquals(InboundMessage.Kind.RESPONSE, response.kind());
    assertFalse(response.isHandshake());
  }

  @Test
  void invalid_needsNoSession_andReportsSize() {
    InboundMessage m = parse("{oops");
    assertEquals(InboundMessage.Kind.INVALID, m.kind());
    assertFalse(m.requiresSession());
    assertEquals(5, m.sizeBytes());
  }

  @Test
  void metaWithoutVersionKey_staysLegacy() {
    InboundMessage m =
        parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                + "{\"progressToken\":1}}}");
    assertEquals(Era.LEGACY, m.era());
  }

  @Test
  void toString_isSafe() {
    assertTrue(
        parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").toString().contains("ping"));
  }
}
