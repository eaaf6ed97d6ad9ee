package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client drives the packaged HTTP server over Streamable HTTP with a
 * bearer token: connect (initialize + session), list tools, call {@code auth_status}, terminate the
 * session with DELETE, and confirm the server has forgotten it.
 */
class HttpSdkClientIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SUBJECT = "http-interop@example.com";
  private static final TestTokens TOKENS = TestTokens.random();

  private static HttpServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = HttpServerProcess.start(TOKENS.secret(), "http-sdk-server");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static ChildProcess.Outcome sdkClient(String token, String logName) throws Exception {
    return NodeScripts.run(
        List.of("sdk-client.mjs", "http", server.mcpUrl(), "--expect-subject", SUBJECT),
        Map.of("MCP_BEARER_TOKEN", token),
        TIMEOUT,
        logName);
  }

  @Test
  void sdkClient_bearerToken_listsToolsCallsAuthStatusAndTerminatesTheSession() throws Exception {
    ChildProcess.Outcome outcome = sdkClient(TOKENS.mint(SUBJECT), "http-sdk-client");

    assertAWholeSession(outcome, SUBJECT, server.logTail());
  }

  /**
   * What {@code sdk-client.mjs http} must have seen in a run against a server with the conformance
   * test tools on: a session issued, the tools listed, {@code auth_status} and the diagnostics for
   * {@code subject}, then the session ended and refused with 404.
   */
  static void assertAWholeSession(ChildProcess.Outcome outcome, String subject, String serverLog) {
    String why = outcome.describe() + "\n--- server log (tail) ---\n" + serverLog;
    assertEquals(0, outcome.exitCode(), why);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    assertTrue(seen.path("ok").asBoolean(), why);
    assertEquals("quilt-mcp", seen.path("serverInfo").path("name").asText(), why);
    assertTrue(seen.path("sessionIdIssued").asBoolean(), why);
    List<String> tools = NodeScripts.strings(seen.path("tools"));
    assertTrue(tools.contains("auth_status"), why);
    assertTrue(tools.contains("test_simple_text"), "MCP_TEST_TOOLS=conformance is on: " + why);
    JsonNode status = seen.path("authStatus");
    assertEquals(subject, status.path("subject").asText(), why);
    assertTrue(status.path("authenticated").asBoolean(), why);
    assertFalse(status.path("isError").asBoolean(), why);
    JsonNode diagnostics = seen.path("diagnostics");
    assertEquals("valid", diagnostics.path("validate_jwt_token").path("verdict").asText(), why);
    assertTrue(diagnostics.path("session_diagnostics").path("sessionPresent").asBoolean(), why);
    assertTrue(seen.path("sessionTerminated").asBoolean(), why);
    assertEquals(404, seen.path("statusAfterTerminate").asInt(), why);
  }

  @Test
  void sdkClient_tokenSignedWithAnotherSecret_isRefusedWith401() throws Exception {
    String foreignToken = TestTokens.random().mint(SUBJECT);

    ChildProcess.Outcome outcome = sdkClient(foreignToken, "http-sdk-foreign-token");

    assertNotEquals(0, outcome.exitCode(), outcome::describe);
    assertFalse(outcome.timedOut(), outcome::describe);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    assertFalse(seen.path("ok").asBoolean(), outcome::describe);
    String mismatches = seen.path("mismatches").toString();
    assertTrue(mismatches.contains("(code 401)"), outcome::describe);
    assertTrue(mismatches.contains("invalid_token"), outcome::describe);
  }

  @Test
  void sdkClient_receivesProgressOverSse_andCancellingStopsTheServersWork() throws Exception {
    ChildProcess.Outcome outcome =
        NodeScripts.run(
            List.of("streaming-client.mjs", "http", server.mcpUrl()),
            Map.of("MCP_BEARER_TOKEN", TOKENS.mint(SUBJECT)),
            TIMEOUT,
            "http-streaming-client");

    String why = outcome.describe() + "\n--- server log (tail) ---\n" + server.logTail();
    assertEquals(0, outcome.exitCode(), why);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    assertTrue(seen.path("ok").asBoolean(), why);
    assertTrue(seen.path("logging").asBoolean(), why);
    assertEquals("[0,50,100]", seen.path("progress").toString(), why);
    assertEquals("aborted", seen.path("slowOutcome").asText(), why);
    JsonNode report = seen.path("serverReport");
    assertEquals("cancelled", report.path("state").asText(), why);
    assertTrue(report.path("steps").asInt() < report.path("planned").asInt(), why);
    assertEquals(report.path("steps").asInt(), seen.path("stepsAfterASecond").asInt(), why);
  }
}
