package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.errorCode;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModernEraTest {
  private static final String V = "2026-07-28";

  private final CountingTool tool = CountingTool.bucketTool("list_bucket");
  private final McpEngine engine =
      EngineHarness.builder(CountingAuthorizer.allowing())
          .addTool(tool)
          .listCacheHints(Duration.ofSeconds(30), "private")
          .build();

  private static String request(String method, String version, String extraParams) {
    return "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\""
        + method
        + "\",\"params\":{"
        + (extraParams == null ? "" : extraParams + ",")
        + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\""
        + version
        + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
  }

  private static CallContext headers(Principal p, String version, String method, String name) {
    return CallContext.http()
        .principal(p)
        .protocolVersionHeader(version)
        .methodHeader(method)
        .nameHeader(name)
        .build();
  }

  @Test
  void discover_returnsVersionsCapabilitiesServerInfoAndResultType() {
    EngineResponse r =
        send(
            engine, request("server/discover", V, null), headers(null, V, "server/discover", null));
    assertEquals(Outcome.ANSWER, r.outcome());
    assertEquals(Era.MODERN, r.era());
    assertFalse(r.createsSession());
    JsonNode result = body(r).get("result");
    assertEquals(V, result.path("supportedVersions").get(0).asText());
    assertTrue(result.path("capabilities").has("tools"));
    assertEquals("quilt-mcp", result.path("serverInfo").path("name").asText());
    assertEquals("complete", result.path("resultType").asText());
  }

  @Test
  void toolsList_carriesResultTypeAndCacheHints() {
    JsonNode result =
        body(send(engine, request("tools/list", V, null), headers(null, V, "tools/list", null)))
            .get("result");
    assertEquals("complete", result.path("resultType").asText());
    assertEquals(30_000, result.path("ttlMs").asLong());
    assertEquals("private", result.path("cacheScope").asText());
    assertEquals(1, result.path("tools").size());
  }

  @Test
  void toolsCall_withMatchingHeaders_runsAndCarriesResultType() {
    String body =
        request(
            "tools/call", V, "\"name\":\"list_bucket\",\"arguments\":{\"bucket\":\"quilt-demos\"}");
    EngineResponse r =
        send(engine, body, headers(TestPrincipals.alice(), V, "tools/call", "list_bucket"));
    assertEquals(Outcome.ANSWER, r.outcome());
    JsonNode result = body(r).get("result");
    assertEquals("complete", result.path("resultType").asText());
    assertFalse(result.has("ttlMs"));
    assertEquals(1, tool.calls());
    assertEquals(V, tool.lastContext().protocolVersion());
  }

  @Test
  void headers_missingOrMismatched_are400Minus32020() {
    String call =
        request(
            "tools/call", V, "\"name\":\"list_bucket\",\"arguments\":{\"bucket\":\"quilt-demos\"}");
    Principal alice = TestPrincipals.alice();
    CallContext[] bad = {
      headers(alice, null, "tools/call", "list_bucket"),
      headers(alice, "2025-11-25", "tools/call", "list_bucket"),
      headers(alice, V, null, "list_bucket"),
      headers(alice, V, "tools/list", "list_bucket"),
      headers(alice, V, "tools/call", null),
      headers(alice, V, "tools/call", "auth_status"),
    };
    for (CallContext ctx : bad) {
      EngineResponse r = send(engine, call, ctx);
      assertEquals(Outcome.REJECTED, r.outcome(), ctx.toString());
      assertEquals(-32020, errorCode(r));
    }
    assertEquals(0, tool.calls());
  }

  @Test
  void headers_mismatch_isCheckedBeforeVersionSupport() {
    EngineResponse r =
        send(
            engine,
            request("tools/list", "2030-01-01", null),
            headers(null, V, "tools/list", null));
    assertEquals(-32020, errorCode(r));
  }

  @Test
  void unsupportedVersion_is400Minus32022WithSupportedList() {
    String v = "2030-01-01";
    EngineResponse r =
        send(engine, request("tools/list", v, null), headers(null, v, "tools/list", null));
    assertEquals(Outcome.REJECTED, r.outcome());
    assertEquals(-32022, errorCode(r));
    JsonNode supported = body(r).path("error").path("data").path("supported");
    assertEquals(1, supported.size());
    assertEquals(V, supported.get(0).asText());
  }

  @Test
  void legacyVersionInMeta_isUnsupportedInModernPath() {
    String v = "2025-06-18";
    assertEquals(
        -32022,
        errorCode(
            send(engine, request("tools/list", v, null), headers(null, v, "tools/list", null))));
  }

  @Test
  void nonStringVersion_isInvalidParams() {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":5}}}";
    EngineResponse r = send(engine, body, CallContext.stdio().build());
    assertEquals(-32602, errorCode(r));
    assertEquals(Outcome.REJECTED, r.outcome());
  }

  @Test
  void badCapabilities_isInvalidParams() {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":[]}}}";
    assertEquals(-32602, errorCode(send(engine, body, CallContext.stdio().build())));
  }

  @Test
  void unknownMethod_is404Minus32601() {
    for (String method : new String[] {"resources/list", "initialize", "ping"}) {
      EngineResponse r = send(engine, request(method, V, null), headers(null, V, method, null));
      assertEquals(Outcome.UNKNOWN_METHOD, r.outcome(), method);
      assertEquals(-32601, errorCode(r), method);
      assertFalse(r.createsSession());
    }
  }

  @Test
  void notification_is202() {
    String n =
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,"
            + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}";
    EngineResponse r = send(engine, n, headers(null, V, "notifications/cancelled", null));
    assertEquals(Outcome.NO_ANSWER, r.outcome());
  }

  @Test
  void stdio_skipsHeaderChecks() {
    EngineResponse r = send(engine, request("tools/list", V, null), CallContext.stdio().build());
    assertEquals(Outcome.ANSWER, r.outcome());
  }

  @Test
  void classification_modernNeedsNoSession() {
    InboundMessage m =
        engine.parse(request("tools/call", V, "\"name\":\"list_bucket\"").getBytes());
    assertEquals(Era.MODERN, m.era());
    assertFalse(m.requiresSession());
    assertFalse(m.isInitialize());
    assertEquals("list_bucket", m.toolName().orElseThrow());
    assertEquals(V, m.requestedVersion().orElseThrow());
  }

  @Test
  void toolsCall_withoutPrincipal_is401AndNothingRuns() {
    String body =
        request(
            "tools/call", V, "\"name\":\"list_bucket\",\"arguments\":{\"bucket\":\"quilt-demos\"}");
    EngineResponse r = send(engine, body, headers(null, V, "tools/call", "list_bucket"));
    assertEquals(Outcome.UNAUTHENTICATED, r.outcome());
    assertEquals(0, tool.calls());
  }

  @Test
  void legacyServerDiscover_isMethodNotFound() {
    EngineResponse r =
        send(
            engine,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\"}",
            CallContext.http().build());
    assertEquals(-32601, errorCode(r));
  }
}
