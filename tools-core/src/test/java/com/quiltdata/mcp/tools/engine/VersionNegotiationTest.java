package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.errorCode;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionNegotiationTest {
  private final McpEngine engine =
      EngineHarness.builder(CountingAuthorizer.allowing())
          .instructions("Use auth_status first.")
          .build();

  private static String initialize(String version) {
    return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
        + (version == null ? "" : "\"protocolVersion\":\"" + version + "\",")
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  }

  @ParameterizedTest(name = "client {0} -> {1}")
  @CsvSource({
    "2024-11-05, 2024-11-05",
    "2025-03-26, 2025-03-26",
    "2025-06-18, 2025-06-18",
    "2025-11-25, 2025-11-25",
    "2026-07-28, 2025-11-25",
    "2099-01-01, 2025-11-25",
    "nonsense, 2025-11-25",
  })
  void initialize_version_negotiatesPerTable(String requested, String expected) {
    EngineResponse r = send(engine, initialize(requested), CallContext.http().build());
    assertEquals(Outcome.ANSWER, r.outcome());
    JsonNode result = body(r).get("result");
    assertEquals(expected, result.get("protocolVersion").asText());
    assertTrue(r.createsSession());
    assertEquals(expected, r.newSessionVersion().orElseThrow());
    assertEquals(Era.LEGACY, r.era());
  }

  @Test
  void initialize_result_carriesCapabilitiesServerInfoInstructions() {
    JsonNode result =
        body(send(engine, initialize("2025-06-18"), CallContext.http().build())).get("result");
    assertTrue(result.path("capabilities").has("tools"));
    assertEquals("quilt-mcp", result.path("serverInfo").path("name").asText());
    assertEquals("9.9.9", result.path("serverInfo").path("version").asText());
    assertEquals("Use auth_status first.", result.path("instructions").asText());
    assertFalse(result.has("resultType"), "legacy results carry no resultType");
  }

  @Test
  void initialize_withoutVersion_isInvalidParamsAndNoSession() {
    EngineResponse r = send(engine, initialize(null), CallContext.http().build());
    assertEquals(-32602, errorCode(r));
    assertFalse(r.createsSession());
  }

  @Test
  void initialize_anonymous_isAllowed() {
    InboundMessage m = engine.parse(initialize("2024-11-05").getBytes());
    assertTrue(m.isInitialize());
    assertTrue(m.isHandshake());
    assertFalse(m.requiresSession());
    assertEquals("2024-11-05", m.requestedVersion().orElseThrow());
  }

  @Test
  void legacyHeader_unsupportedVersion_is400WithSupportedList() {
    CallContext ctx =
        CallContext.http()
            .principal(TestPrincipals.alice())
            .negotiatedVersion("2025-06-18")
            .protocolVersionHeader("2023-01-01")
            .build();
    EngineResponse r = send(engine, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", ctx);
    assertEquals(Outcome.REJECTED, r.outcome());
    assertEquals(-32600, errorCode(r));
    assertEquals(4, body(r).path("error").path("data").path("supported").size());
  }

  @Test
  void legacyHeader_modernVersionWithoutMeta_isHeaderMismatch() {
    CallContext ctx = CallContext.http().protocolVersionHeader("2026-07-28").build();
    EngineResponse r = send(engine, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", ctx);
    assertEquals(Outcome.REJECTED, r.outcome());
    assertEquals(-32020, errorCode(r));
  }

  @Test
  void legacyHeader_supportedVersion_isAccepted() {
    CallContext ctx = CallContext.http().protocolVersionHeader("2024-11-05").build();
    assertEquals(
        Outcome.ANSWER,
        send(engine, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", ctx).outcome());
  }

  @Test
  void legacyHeader_onInitialize_isIgnored() {
    CallContext ctx = CallContext.http().protocolVersionHeader("garbage").build();
    assertEquals(Outcome.ANSWER, send(engine, initialize("2025-03-26"), ctx).outcome());
  }

  @Test
  void protocolVersions_negotiate_helper() {
    assertEquals("2025-11-25", ProtocolVersions.negotiate(null));
    assertEquals("2024-11-05", ProtocolVersions.negotiate("2024-11-05"));
    assertTrue(ProtocolVersions.isModern("2026-07-28"));
    assertFalse(ProtocolVersions.isLegacy("2026-07-28"));
  }
}
