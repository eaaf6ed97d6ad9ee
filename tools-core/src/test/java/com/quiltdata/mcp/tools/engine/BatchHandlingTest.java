package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.errorCode;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import org.junit.jupiter.api.Test;

class BatchHandlingTest {
  private static final String PING_AND_LIST =
      "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}]";

  private final CountingTool tool = CountingTool.bucketTool("list_bucket");
  private final McpEngine engine =
      EngineHarness.builder(CountingAuthorizer.allowing()).addTool(tool).build();

  @Test
  void batch_at20250326_answersEachRequest() {
    EngineResponse r = send(engine, PING_AND_LIST, legacy(TestPrincipals.alice(), "2025-03-26"));
    assertEquals(Outcome.ANSWER, r.outcome());
    JsonNode answers = body(r);
    assertTrue(answers.isArray());
    assertEquals(2, answers.size());
    assertEquals(1, answers.get(0).get("id").asInt());
    assertEquals(2, answers.get(1).get("id").asInt());
    assertTrue(answers.get(1).path("result").has("tools"));
  }

  @Test
  void batch_onlyNotifications_is202() {
    EngineResponse r =
        send(
            engine,
            "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]",
            legacy(TestPrincipals.alice(), "2025-03-26"));
    assertEquals(Outcome.NO_ANSWER, r.outcome());
    assertFalse(r.hasBody());
  }

  @Test
  void batch_atLaterVersions_isRejectedClearly() {
    for (String v : new String[] {"2024-11-05", "2025-06-18", "2025-11-25"}) {
      EngineResponse r = send(engine, PING_AND_LIST, legacy(TestPrincipals.alice(), v));
      assertEquals(Outcome.REJECTED, r.outcome(), v);
      assertEquals(-32600, errorCode(r), v);
      assertTrue(body(r).get("id").isNull());
      assertTrue(body(r).path("error").path("message").asText().contains("2025-03-26"));
    }
  }

  @Test
  void batch_withoutSession_isRejected() {
    EngineResponse r =
        send(engine, PING_AND_LIST, CallContext.http().principal(TestPrincipals.alice()).build());
    assertEquals(Outcome.REJECTED, r.outcome());
  }

  @Test
  void batch_containingInitialize_answersThatItemWithError() {
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-03-26\"}},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]";
    EngineResponse r = send(engine, batch, legacy(TestPrincipals.alice(), "2025-03-26"));
    JsonNode answers = body(r);
    assertEquals(-32600, answers.get(0).path("error").path("code").asInt());
    assertTrue(answers.get(1).has("result"));
    assertFalse(r.createsSession());
  }

  @Test
  void batch_toolCallWithoutPrincipal_isRefusedWholeAndNothingRuns() {
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"list_bucket\",\"arguments\":{\"bucket\":\"quilt-demos\"}}}]";
    EngineResponse r = send(engine, batch, legacy(null, "2025-03-26"));
    assertEquals(Outcome.UNAUTHENTICATED, r.outcome());
    assertEquals(EngineResponse.Challenge.AUTHENTICATION_REQUIRED, r.challenge());
    assertEquals(0, tool.calls());
  }

  @Test
  void batch_toolCallWithPrincipal_runs() {
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"list_bucket\",\"arguments\":{\"bucket\":\"quilt-demos\"}}}]";
    EngineResponse r = send(engine, batch, legacy(TestPrincipals.alice(), "2025-03-26"));
    assertEquals(Outcome.ANSWER, r.outcome());
    assertEquals(1, tool.calls());
    assertFalse(body(r).get(0).path("result").path("isError").asBoolean());
  }

  @Test
  void batch_invalidElements_getTheirOwnErrors() {
    String batch = "[1,{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]";
    JsonNode answers = body(send(engine, batch, legacy(TestPrincipals.alice(), "2025-03-26")));
    assertEquals(-32600, answers.get(0).path("error").path("code").asInt());
    assertTrue(answers.get(1).has("result"));
  }

  @Test
  void batch_tooLargeOrEmpty_isInvalidRequest() {
    McpEngine small =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .limits(new EngineLimits(1 << 20, 32, 1 << 16, 2, 50))
            .build();
    CallContext ctx = legacy(TestPrincipals.alice(), "2025-03-26");
    assertEquals(-32600, errorCode(send(small, PING_AND_LIST, ctx)));
    assertEquals(-32600, errorCode(send(small, "[]", ctx)));
  }

  @Test
  void batch_classification_isLegacyAndNeedsSession() {
    InboundMessage m = engine.parse(PING_AND_LIST.getBytes());
    assertEquals(InboundMessage.Kind.BATCH, m.kind());
    assertTrue(m.requiresSession());
  }
}
