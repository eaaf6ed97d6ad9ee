package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolHandler;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ToolFailureTest {
  private final CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");

  private static String call(String name) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
        + name
        + "\",\"arguments\":{}}}";
  }

  private JsonNode run(ToolHandler body) {
    McpEngine e =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .addTool(CountingTool.simple("t", body))
            .build();
    EngineResponse r = send(e, call("t"), alice);
    assertEquals(Outcome.ANSWER, r.outcome());
    return body(r).get("result");
  }

  private static String text(JsonNode result) {
    return result.path("content").get(0).path("text").asText();
  }

  @Test
  void toolFailure_becomesIsErrorWithItsMessageAndReason() {
    JsonNode result =
        run(
            (a, c) -> {
              throw ToolFailure.invalidArgument("Bucket 'x' does not exist; check the name.");
            });
    assertTrue(result.get("isError").asBoolean());
    assertEquals(
        "Bucket 'x' does not exist; check the name. (reason: INVALID_ARGUMENT, retryable: no)",
        text(result));
    assertEquals("INVALID_ARGUMENT", result.path("structuredContent").path("reason").asText());
    assertFalse(result.path("structuredContent").path("retryable").asBoolean(true));
    assertEquals(
        "Bucket 'x' does not exist; check the name.",
        result.path("structuredContent").path("message").asText());
  }

  @Test
  void retryableAuthException_saysTemporaryAndRetry() {
    JsonNode result =
        run(
            (a, c) -> {
              throw new AuthException(
                  AuthException.Reason.REGISTRY_UNAVAILABLE, "registry timed out");
            });
    assertTrue(result.get("isError").asBoolean());
    assertTrue(text(result).contains("right now"), text(result));
    assertTrue(text(result).contains("Retry"), text(result));
    assertTrue(text(result).contains("REGISTRY_UNAVAILABLE"));
    assertEquals(
        "CREDENTIALS_UNAVAILABLE", result.path("structuredContent").path("reason").asText());
    assertTrue(result.path("structuredContent").path("retryable").asBoolean());
  }

  @Test
  void permanentAuthException_saysWhatToDo() {
    JsonNode result =
        run(
            (a, c) -> {
              throw new AuthException(AuthException.Reason.REGISTRY_INVALID_TOKEN, "401");
            });
    assertTrue(text(result).contains("Sign in"));
    assertTrue(text(result).contains("reason: CREDENTIALS_REFUSED, retryable: no"), text(result));
  }

  @Test
  void unexpectedException_isGenericWithoutDetailsOrStack() {
    JsonNode result =
        run(
            (a, c) -> {
              throw new IllegalStateException("AKIAEXAMPLE secret " + TestPrincipals.ALICE_TOKEN);
            });
    assertTrue(result.get("isError").asBoolean());
    String all = result.toString();
    assertFalse(all.contains("AKIAEXAMPLE"));
    assertFalse(all.contains(TestPrincipals.ALICE_TOKEN));
    assertFalse(all.contains("IllegalStateException"));
    assertFalse(all.contains("at com."));
    assertTrue(text(result).contains("reference"));
  }

  @Test
  void nullResult_isToolError() {
    assertTrue(run((a, c) -> null).get("isError").asBoolean());
  }

  @Test
  void outputSchemaWithoutStructuredContent_isToolError() {
    Tool t =
        Tool.of(
            ToolDefinition.builder("typed")
                .description("declares output")
                .inputSchema(CountingTool.schema("{\"type\":\"object\"}"))
                .outputSchema(CountingTool.schema("{\"type\":\"object\"}"))
                .requirements(com.quiltdata.mcp.auth.ToolRequirements.open("typed"))
                .build(),
            (a, c) -> ToolResult.text("plain"));
    McpEngine e = EngineHarness.builder(CountingAuthorizer.allowing()).addTool(t).build();
    JsonNode result = body(send(e, call("typed"), alice)).get("result");
    assertTrue(result.get("isError").asBoolean());
    assertEquals("INTERNAL_ERROR", result.path("structuredContent").path("reason").asText());
  }

  @Test
  void defaultBroker_refusesCredentials_andToolReportsIt() {
    JsonNode result =
        run(
            (a, c) -> {
              c.credentials().providerFor(c.principal()).resolveCredentials();
              return ToolResult.text("unreachable");
            });
    assertTrue(result.get("isError").asBoolean());
    assertTrue(text(result).contains("CREDENTIALS_NOT_AVAILABLE"));
  }

  @Test
  void cancelled_duringRun_sendsNoResponse() {
    AtomicReference<McpEngine> holder = new AtomicReference<>();
    AtomicBoolean sawCancel = new AtomicBoolean();
    McpEngine e =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .addTool(
                CountingTool.simple(
                    "slow",
                    (a, c) -> {
                      EngineResponse n =
                          send(
                              holder.get(),
                              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                                  + "\"params\":{\"requestId\":1,\"reason\":\"user\"}}",
                              alice);
                      assertEquals(Outcome.NO_ANSWER, n.outcome());
                      sawCancel.set(c.isCancelled());
                      return ToolResult.text("done");
                    }))
            .build();
    holder.set(e);
    EngineResponse r = send(e, call("slow"), alice);
    assertTrue(sawCancel.get());
    assertEquals(Outcome.NO_ANSWER, r.outcome());
    assertFalse(r.hasBody());
  }

  @Test
  void cancelled_fromAnotherSession_hasNoEffect() {
    AtomicReference<McpEngine> holder = new AtomicReference<>();
    AtomicBoolean sawCancel = new AtomicBoolean(true);
    CallContext other =
        CallContext.http()
            .principal(TestPrincipals.bob())
            .session(
                new com.quiltdata.mcp.auth.Session(
                    "other-session", "bob", "2025-06-18", TestPrincipals.NOW, TestPrincipals.NOW))
            .build();
    McpEngine e =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .addTool(
                CountingTool.simple(
                    "slow",
                    (a, c) -> {
                      send(
                          holder.get(),
                          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                              + "\"params\":{\"requestId\":1}}",
                          other);
                      sawCancel.set(c.isCancelled());
                      return ToolResult.text("done");
                    }))
            .build();
    holder.set(e);
    EngineResponse r = send(e, call("slow"), alice);
    assertFalse(sawCancel.get());
    assertEquals(Outcome.ANSWER, r.outcome());
  }

  /**
   * The attack of the hardening review: a second token of the same subject (granting nothing) sends
   * {@code notifications/cancelled} for the running call's id. It must not cancel it, in the same
   * legacy session or with no session at all (2026-07-28); the call's own token does.
   */
  @Test
  void cancelled_byAnotherTokenOfTheSameSubject_hasNoEffect_sameTokenDoes() {
    com.quiltdata.mcp.auth.Principal aliceToo =
        com.quiltdata.mcp.auth.Principal.fromToken(
            com.quiltdata.mcp.jwt.QuiltClaims.builder("alice", TestPrincipals.NOW.plusSeconds(600))
                .build(),
            com.quiltdata.mcp.auth.BearerToken.of("another.token.of-alice"));
    CallContext modernAlice = CallContext.http().principal(TestPrincipals.alice()).build();
    CallContext[][] cases = {
      {alice, legacy(aliceToo, "2025-06-18"), null},
      {modernAlice, CallContext.http().principal(aliceToo).build(), null},
      {alice, legacy(TestPrincipals.alice(), "2025-06-18"), alice},
      {modernAlice, CallContext.http().principal(TestPrincipals.alice()).build(), modernAlice},
    };
    for (int i = 0; i < cases.length; i++) {
      CallContext[] c = cases[i];
      AtomicReference<McpEngine> holder = new AtomicReference<>();
      AtomicBoolean sawCancel = new AtomicBoolean();
      McpEngine e =
          EngineHarness.builder(CountingAuthorizer.allowing())
              .addTool(
                  CountingTool.simple(
                      "slow",
                      (a, ctx) -> {
                        send(
                            holder.get(),
                            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                                + "\"params\":{\"requestId\":1}}",
                            c[1]);
                        sawCancel.set(ctx.isCancelled());
                        return ToolResult.text("done");
                      }))
              .build();
      holder.set(e);
      EngineResponse r = send(e, call("slow"), c[0]);
      boolean mayCancel = c[2] != null;
      assertEquals(mayCancel, sawCancel.get(), "case " + i);
      assertEquals(mayCancel ? Outcome.NO_ANSWER : Outcome.ANSWER, r.outcome());
    }
  }

  @Test
  void toolResult_factories_copyAndFlag() {
    ToolResult err = ToolFailure.cancelled().toResult();
    assertTrue(err.isError());
    assertEquals(1, err.content().size());
    assertTrue(
        ToolResult.structured(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())
            .structuredContent()
            .isPresent());
    assertThrows(NullPointerException.class, () -> ToolResult.structured(null));
  }
}
