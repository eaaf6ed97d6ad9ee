package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.errorCode;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.AuthorizationDecision.Denial;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallGuardTest {
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"list_bucket\","
          + "\"arguments\":{\"bucket\":\"quilt-demos\"}}}";

  private final CountingTool tool = CountingTool.bucketTool("list_bucket");

  private McpEngine engine(CountingAuthorizer authorizer) {
    return EngineHarness.builder(authorizer).addTool(tool).build();
  }

  @Test
  void call_withoutPrincipal_is401AndToolNeverRuns() {
    CountingAuthorizer authorizer = CountingAuthorizer.allowing();
    EngineResponse r = send(engine(authorizer), CALL, legacy(null, "2025-06-18"));
    assertEquals(Outcome.UNAUTHENTICATED, r.outcome());
    assertEquals(-32001, errorCode(r));
    assertEquals(5, body(r).get("id").asInt());
    assertEquals(EngineResponse.Challenge.AUTHENTICATION_REQUIRED, r.challenge());
    assertTrue(r.challengeDescription().isPresent());
    assertEquals(0, tool.calls());
    assertEquals(0, authorizer.checks());
  }

  @Test
  void call_withoutPrincipal_onStdio_isAlsoRefused() {
    EngineResponse r =
        send(engine(CountingAuthorizer.allowing()), CALL, CallContext.stdio().build());
    assertEquals(-32001, errorCode(r));
    assertEquals(0, tool.calls());
  }

  @Test
  void call_denied_is403InsufficientScopeAndToolNeverRuns() {
    CountingAuthorizer authorizer =
        CountingAuthorizer.denying(
            AuthorizationDecision.deny(
                Denial.MISSING_ACTIONS, "the token lacks s3:ListBucket", List.of("s3:ListBucket")));
    EngineResponse r = send(engine(authorizer), CALL, legacy(TestPrincipals.alice(), "2025-06-18"));
    assertEquals(Outcome.FORBIDDEN, r.outcome());
    assertEquals(-32003, errorCode(r));
    assertEquals(EngineResponse.Challenge.INSUFFICIENT_SCOPE, r.challenge());
    JsonNode error = body(r).get("error");
    assertTrue(error.get("message").asText().contains("s3:ListBucket"));
    assertEquals("MISSING_ACTIONS", error.path("data").path("reason").asText());
    assertEquals("s3:ListBucket", error.path("data").path("missingActions").get(0).asText());
    assertEquals(1, authorizer.checks());
    assertEquals(0, tool.calls());
  }

  @Test
  void call_deniedBucket_hasFixedChallengeDescription() {
    CountingAuthorizer authorizer =
        CountingAuthorizer.denying(
            AuthorizationDecision.deny(Denial.BUCKET_NOT_GRANTED, "bucket not granted", List.of()));
    EngineResponse r = send(engine(authorizer), CALL, legacy(TestPrincipals.alice(), "2025-06-18"));
    assertEquals(Outcome.FORBIDDEN, r.outcome());
    assertFalse(r.challengeDescription().orElseThrow().contains("quilt-demos"));
  }

  @Test
  void call_allowed_runsOnceWithTheArgumentsTheAuthorizerSaw() {
    CountingAuthorizer authorizer = CountingAuthorizer.allowing();
    EngineResponse r = send(engine(authorizer), CALL, legacy(TestPrincipals.alice(), "2025-06-18"));
    assertEquals(Outcome.ANSWER, r.outcome());
    assertEquals(1, tool.calls());
    assertEquals(List.of("list_bucket"), authorizer.seenTools());
    assertEquals("quilt-demos", authorizer.lastArguments().text("bucket"));
    assertNull(authorizer.lastArguments().text("missing"));
    assertEquals("quilt-demos", tool.lastArguments().get("bucket").asText());
    assertEquals("alice", tool.lastContext().principal().subject());
    assertEquals("2025-06-18", tool.lastContext().protocolVersion());
    JsonNode result = body(r).get("result");
    assertFalse(result.get("isError").asBoolean());
    assertTrue(result.get("structuredContent").get("ok").asBoolean());
    assertEquals("{\"ok\":true}", result.get("content").get(0).get("text").asText());
  }

  @Test
  void call_unknownTool_isInvalidParamsAndNothingRuns() {
    CountingAuthorizer authorizer = CountingAuthorizer.allowing();
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}";
    EngineResponse r = send(engine(authorizer), call, legacy(TestPrincipals.alice(), "2025-06-18"));
    assertEquals(-32602, errorCode(r));
    assertEquals(0, authorizer.checks());
  }

  @Test
  void call_missingNameOrBadArguments_isInvalidParams() {
    McpEngine e = engine(CountingAuthorizer.allowing());
    CallContext ctx = legacy(TestPrincipals.alice(), "2025-06-18");
    String[] bodies = {
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":3}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_bucket\","
          + "\"arguments\":[1]}}",
    };
    for (String b : bodies) {
      assertEquals(-32602, errorCode(send(e, b, ctx)), b);
    }
    assertEquals(0, tool.calls());
  }

  @Test
  void call_invalidArguments_isToolErrorNamingTheArgumentAndNothingRuns() {
    CountingAuthorizer authorizer = CountingAuthorizer.allowing();
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_bucket\","
            + "\"arguments\":{\"bucket\":7}}}";
    EngineResponse r = send(engine(authorizer), call, legacy(TestPrincipals.alice(), "2025-06-18"));
    assertEquals(Outcome.ANSWER, r.outcome());
    JsonNode result = body(r).get("result");
    assertTrue(result.get("isError").asBoolean());
    assertTrue(result.path("content").get(0).path("text").asText().contains("'bucket'"));
    assertEquals(0, tool.calls());
    assertEquals(0, authorizer.checks());
  }

  @Test
  void call_missingRequiredArgument_isToolError() {
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_bucket\"}}";
    JsonNode result =
        body(send(
                engine(CountingAuthorizer.allowing()),
                call,
                legacy(TestPrincipals.alice(), "2025-06-18")))
            .get("result");
    assertTrue(result.get("isError").asBoolean());
    assertTrue(
        result
            .path("content")
            .get(0)
            .path("text")
            .asText()
            .contains("Missing required argument 'bucket'"));
  }

  @Test
  void call_legacyHeaderVersion_isWhatTheToolSees() {
    CallContext ctx =
        CallContext.http()
            .principal(TestPrincipals.alice())
            .negotiatedVersion("2025-06-18")
            .protocolVersionHeader("2025-11-25")
            .build();
    send(engine(CountingAuthorizer.allowing()), CALL, ctx);
    assertEquals("2025-11-25", tool.lastContext().protocolVersion());
  }
}
