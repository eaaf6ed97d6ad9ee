package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.standins.athena.AthenaStandIn;
import com.quiltdata.mcp.standins.registry.CredentialsStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slow Athena query over Streamable HTTP with the official TypeScript SDK client: the packaged
 * server ({@code quilt-mcp-server.jar}) exchanges the caller's token at a registry stand-in, signs
 * its Athena calls with the issued key, and while the stand-in holds the query RUNNING (three
 * seconds) the client receives progress notifications for its progressToken, then the rows. The
 * server process gets made-up ambient AWS keys; the stand-in would refuse them.
 */
class AthenaProgressOverHttpIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String SUBJECT = "athena-interop@example.com";
  private static final String SQL = "SELECT * FROM demo.readings ORDER BY id";
  private static final TestTokens TOKENS = TestTokens.random();
  private static final String KEY = "AKIDINTEROP" + UUID.randomUUID().toString().substring(0, 8);
  private static final String SECRET = UUID.randomUUID().toString();

  private static AthenaStandIn athena;
  private static CredentialsStandIn registry;
  private static HttpServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    athena =
        AthenaStandIn.builder()
            .credentials(KEY, SECRET)
            .seed(
                "CREATE SCHEMA demo; CREATE TABLE demo.readings AS SELECT i AS id,"
                    + " 'station-' || i AS station FROM range(7) t(i)")
            .workgroup(new AthenaStandIn.Workgroup("primary", "s3://results/", true, true))
            .minimumRunTime(Duration.ofSeconds(3))
            .start();
    registry = CredentialsStandIn.start(TOKENS.verifier(), KEY, SECRET);
    server =
        HttpServerProcess.start(
            TOKENS.secret(),
            "http-athena-server",
            Map.of(
                "QUILT_REGISTRY_URL", registry.url().toString(),
                "AWS_ENDPOINT_URL_ATHENA", athena.endpoint().toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIAAMBIENTCANARY000",
                "AWS_SECRET_ACCESS_KEY", "ambient-canary-secret-key-never-used-0000"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (athena != null) {
      athena.close();
    }
  }

  @Test
  void slowQuery_sendsIncreasingProgressToTheSdkClient_thenTheRows_signedWithTheIssuedKey()
      throws Exception {
    String token =
        TOKENS.mint(
            SUBJECT,
            List.of(
                "athena:ListWorkGroups",
                "athena:GetWorkGroup",
                "athena:StartQueryExecution",
                "athena:GetQueryExecution",
                "athena:GetQueryResults",
                "athena:StopQueryExecution"));
    ChildProcess.Outcome outcome =
        NodeScripts.run(
            List.of("athena-progress-client.mjs", server.mcpUrl(), SQL),
            Map.of("MCP_BEARER_TOKEN", token),
            TIMEOUT,
            "http-athena-progress-client");

    String why = outcome.describe() + "\n--- server log (tail) ---\n" + server.logTail();
    assertEquals(0, outcome.exitCode(), why);
    JsonNode seen = NodeScripts.lastJsonLine(outcome);
    JsonNode progress = seen.path("progress");
    assertTrue(progress.size() >= 2, "at least two progress notifications: " + why);
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(
          progress.get(i).path("progress").asDouble()
              > progress.get(i - 1).path("progress").asDouble(),
          "progress went backwards: " + progress);
    }
    assertTrue(progress.get(0).path("message").asText().contains("elapsed"), progress.toString());
    assertTrue(progress.toString().contains("RUNNING"), progress.toString());

    JsonNode result = seen.path("result");
    assertFalse(result.path("isError").asBoolean(true), why);
    JsonNode structured = result.path("structured");
    assertEquals("SUCCEEDED", structured.path("state").asText(), why);
    assertEquals(7, structured.path("rows").size(), why);
    assertEquals("station-6", structured.path("rows").get(6).path("station").asText(), why);
    String id = structured.path("query_execution_id").asText();
    assertEquals(SQL, athena.execution(id).get("query"));

    assertTrue(registry.issued() >= 1, "the server exchanged the token at the registry");
    assertFalse(athena.requests().isEmpty());
    assertTrue(
        athena.requests().stream().allMatch(r -> r.accessKey().equals(KEY)),
        "every Athena request signed with the issued key: " + athena.requests());
  }
}
