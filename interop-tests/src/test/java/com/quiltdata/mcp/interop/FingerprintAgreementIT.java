package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.SigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The key fingerprint operators compare is one value everywhere: the running HTTP server's {@code
 * jwt_diagnostics} tool, the packaged CLI's {@code fingerprint} and {@code doctor}, and {@link
 * SigningKey#fingerprint()} all print the same string for the same secret, and a different one for
 * a different secret. None of them prints the secret.
 */
class FingerprintAgreementIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final TestTokens TOKENS = TestTokens.random();
  private static HttpServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = HttpServerProcess.start(TOKENS.secret(), "fingerprint-server");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void serverTool_cliFingerprint_andDoctor_agree_andDifferForAnotherKey() throws Exception {
    String expected = SigningKey.ofUtf8(null, TOKENS.secret()).fingerprint();

    String fromServer = serverFingerprint();
    String fromCli =
        cliJson("cli-fingerprint", TOKENS.secret(), "fingerprint").get("fingerprint").asText();
    String fromDoctor =
        cliJson("cli-doctor", TOKENS.secret(), "doctor").get("fingerprint").asText();

    assertTrue(expected.startsWith("kfp1:"), expected);
    assertEquals(expected, fromServer, "jwt_diagnostics");
    assertEquals(expected, fromCli, "quilt-mcp-diag fingerprint");
    assertEquals(expected, fromDoctor, "quilt-mcp-diag doctor");

    String other = TestTokens.random().secret();
    String otherFromCli =
        cliJson("cli-fingerprint-other", other, "fingerprint").get("fingerprint").asText();
    assertNotEquals(expected, otherFromCli);
    assertEquals(SigningKey.ofUtf8(null, other).fingerprint(), otherFromCli);
  }

  /** Initialises a session with a fresh token and calls jwt_diagnostics over real HTTP. */
  private static String serverFingerprint() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String token = TOKENS.mint("fingerprint@example.com");
    HttpResponse<String> init =
        http.send(
            post(
                token,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"fingerprint-it\",\"version\":\"1\"}}}"),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> call =
        http.send(
            post(
                token,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"jwt_diagnostics\",\"arguments\":{}}}"),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, call.statusCode(), call.body());
    assertFalse(call.body().contains(TOKENS.secret()), "the secret must never be shown");
    JsonNode result = JSON.readTree(call.body()).get("result");
    assertFalse(result.get("isError").asBoolean(), call.body());
    return result.get("structuredContent").get("server_key").get("fingerprint").asText();
  }

  private static HttpRequest post(String token, String session, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.mcpUrl()))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    return b.build();
  }

  /**
   * Runs the packaged CLI with {@code --json}: {@code fingerprint} reads the secret named by {@code
   * --secret-env}, {@code doctor} the server's own variables.
   */
  private static JsonNode cliJson(String logName, String secret, String command) throws Exception {
    List<String> args =
        command.equals("fingerprint")
            ? List.of("fingerprint", "--secret-env", "CATALOG_SECRET", "--json")
            : List.of("doctor", "--json");
    List<String> line =
        new java.util.ArrayList<>(
            List.of(
                InteropEnvironment.javaLauncher().toString(),
                "-jar",
                InteropEnvironment.diagJar().toString()));
    line.addAll(args);
    Map<String, String> env =
        command.equals("fingerprint")
            ? Map.of("CATALOG_SECRET", secret)
            // doctor also probes the registry; nothing listens there, which it reports, while
            // the key checks still run.
            : Map.of("MCP_JWT_SECRET", secret, "QUILT_REGISTRY_URL", "http://127.0.0.1:9");
    ChildProcess.Outcome outcome =
        ChildProcess.run(new ProcessBuilder(line), env, TIMEOUT, logName);
    assertFalse(outcome.timedOut(), outcome.describe());
    assertFalse(outcome.stdout().contains(secret), "the secret must never be printed");
    assertFalse(outcome.stderr().contains(secret), "the secret must never be printed");
    if (command.equals("fingerprint")) {
      assertEquals(0, outcome.exitCode(), outcome.describe());
    }
    return JSON.readTree(outcome.stdout());
  }
}
