package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.ToolResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bounded number of calls run at once, per session and in all; the rest are told BUSY. */
class CallLimitsTest {
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\","
          + "\"arguments\":{}}}";

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  private McpEngine engine(CallLimits limits) {
    return EngineHarness.builder(CountingAuthorizer.allowing())
        .callLimits(limits)
        .addTool(
            CountingTool.simple(
                "hold",
                (a, c) -> {
                  entered.countDown();
                  release.await(10, TimeUnit.SECONDS);
                  return ToolResult.text("done");
                }))
        .build();
  }

  private static JsonNode result(EngineResponse r) {
    return body(r).path("result");
  }

  @Test
  void overThePerSessionBound_isBusyAndRetryable_whileAnotherSessionStillRuns() throws Exception {
    McpEngine e = engine(new CallLimits(4, 1));
    Principal alice = TestPrincipals.alice();
    CompletableFuture<EngineResponse> first =
        CompletableFuture.supplyAsync(() -> send(e, CALL, legacy(alice, "2025-06-18")));
    assertTrue(entered.await(5, TimeUnit.SECONDS));

    JsonNode second = result(send(e, CALL, legacy(alice, "2025-06-18")));
    CallContext otherSession =
        CallContext.http()
            .principal(alice)
            .session(
                new com.quiltdata.mcp.auth.Session(
                    "another-session",
                    alice.subject(),
                    "2025-06-18",
                    TestPrincipals.NOW,
                    TestPrincipals.NOW))
            .build();
    CompletableFuture<EngineResponse> third =
        CompletableFuture.supplyAsync(() -> send(e, CALL, otherSession));
    release.countDown();

    assertTrue(second.path("isError").asBoolean());
    assertEquals("BUSY", second.path("structuredContent").path("reason").asText());
    assertTrue(second.path("structuredContent").path("retryable").asBoolean());
    assertFalse(result(first.get(5, TimeUnit.SECONDS)).path("isError").asBoolean());
    assertFalse(result(third.get(5, TimeUnit.SECONDS)).path("isError").asBoolean());
    assertFalse(result(send(e, CALL, legacy(alice, "2025-06-18"))).path("isError").asBoolean());
  }

  @Test
  void overTheServerBound_isBusy() throws Exception {
    McpEngine e = engine(new CallLimits(1, 1));
    CompletableFuture<EngineResponse> first =
        CompletableFuture.supplyAsync(
            () -> send(e, CALL, legacy(TestPrincipals.alice(), "2025-06-18")));
    assertTrue(entered.await(5, TimeUnit.SECONDS));

    JsonNode bob = result(send(e, CALL, legacy(TestPrincipals.bob(), "2025-06-18")));
    release.countDown();

    assertEquals("BUSY", bob.path("structuredContent").path("reason").asText());
    assertFalse(result(first.get(5, TimeUnit.SECONDS)).path("isError").asBoolean());
  }

  @Test
  void limits_readFromTheEnvironment_andCheckedNamingTheVariable() {
    assertEquals(CallLimits.DEFAULTS, CallLimits.fromEnvironment(Map.of()));
    assertEquals(
        new CallLimits(10, 2),
        CallLimits.fromEnvironment(
            Map.of("MCP_MAX_CONCURRENT_CALLS", "10", "MCP_MAX_CALLS_PER_SESSION", "2")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CallLimits.fromEnvironment(Map.of("MCP_MAX_CALLS_PER_SESSION", "65")));
    assertTrue(e.getMessage().contains("MCP_MAX_CALLS_PER_SESSION"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CallLimits(0, 1));
  }
}
