package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk}) launches the packaged
 * stdio server the way a desktop MCP host does ({@code java -jar quilt-mcp-stdio.jar} with the
 * token in its environment), lists tools, calls {@code auth_status} and ends the session by closing
 * the server's input.
 */
class StdioSdkClientIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SUBJECT = "stdio-interop@example.com";

  private final TestTokens tokens = TestTokens.random();

  private ChildProcess.Outcome sdkClient(String expectSubject, String logName) throws Exception {
    return NodeScripts.run(
        List.of(
            "sdk-client.mjs",
            "stdio",
            InteropEnvironment.stdioJar().toString(),
            "--expect-subject",
            expectSubject),
        Map.of(
            "QUILT_ACCESS_TOKEN", tokens.mint(SUBJECT),
            "MCP_JWT_SECRET", tokens.secret(),
            "JAVA_BIN", InteropEnvironment.javaLauncher().toString()),
        TIMEOUT,
        logName);
  }

  @Test
  void sdkClient_tokenInEnvironment_listsToolsCallsAuthStatusAndEndsTheServer() throws Exception {
    ChildProcess.Outcome outcome = sdkClient(SUBJECT, "stdio-sdk-client");

    assertEquals(0, outcome.exitCode(), outcome::describe);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    assertTrue(seen.path("ok").asBoolean(), outcome::describe);
    assertEquals("quilt-mcp", seen.path("serverInfo").path("name").asText(), outcome::describe);
    assertTrue(seen.path("capabilities").has("tools"), outcome::describe);
    assertTrue(NodeScripts.strings(seen.path("tools")).contains("auth_status"), outcome::describe);
    JsonNode status = seen.path("authStatus");
    assertEquals(SUBJECT, status.path("subject").asText(), outcome::describe);
    assertTrue(status.path("authenticated").asBoolean(), outcome::describe);
    assertFalse(status.path("isError").asBoolean(), outcome::describe);
    assertEquals("enhanced", status.path("tokenKind").asText(), outcome::describe);
    JsonNode diagnostics = seen.path("diagnostics");
    assertEquals(
        "valid",
        diagnostics.path("validate_jwt_token").path("verdict").asText(),
        outcome::describe);
    assertFalse(
        diagnostics.path("session_diagnostics").path("sessionPresent").asBoolean(true),
        outcome::describe);
    assertTrue(seen.path("exitedOnEndOfInput").asBoolean(), outcome::describe);
  }

  @Test
  void sdkClient_subjectMismatch_exitsNonZeroAndSaysWhy() throws Exception {
    // Guards the check itself: a client script that always passed would prove nothing.
    ChildProcess.Outcome outcome = sdkClient("someone-else@example.com", "stdio-sdk-mismatch");

    assertNotEquals(0, outcome.exitCode(), outcome::describe);
    assertFalse(outcome.timedOut(), outcome::describe);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    assertFalse(seen.path("ok").asBoolean(), outcome::describe);
    assertTrue(seen.path("mismatches").toString().contains("someone-else"), outcome::describe);
  }

  @Test
  void sdkClient_receivesProgress_andCancellingStopsTheServersWork() throws Exception {
    ChildProcess.Outcome outcome =
        NodeScripts.run(
            List.of("streaming-client.mjs", "stdio", InteropEnvironment.stdioJar().toString()),
            Map.of(
                "QUILT_ACCESS_TOKEN", tokens.mint(SUBJECT),
                "MCP_JWT_SECRET", tokens.secret(),
                "JAVA_BIN", InteropEnvironment.javaLauncher().toString()),
            TIMEOUT,
            "stdio-streaming-client");

    assertEquals(0, outcome.exitCode(), outcome::describe);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    assertTrue(seen.path("ok").asBoolean(), outcome::describe);
    assertEquals("[0,50,100]", seen.path("progress").toString(), outcome::describe);
    assertEquals("aborted", seen.path("slowOutcome").asText(), outcome::describe);
    assertEquals("cancelled", seen.path("serverReport").path("state").asText(), outcome::describe);
  }
}
