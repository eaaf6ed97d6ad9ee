package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server started from environment variables only, calling {@code bucket_objects_list} over
 * real HTTP: bearer token -> registry exchange (a real HTTP stub) -> S3Proxy, which accepts only
 * the key the registry issues (the JVM's ambient AWS keys are wrong on purpose).
 */
class S3ToolsOverHttpTest {
  private static final String ACCESS_KEY = "ASIAHTTPTESTUSER0001";
  private static final String SECRET_KEY = "s3proxy-secret-for-the-http-test-0123456789";

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final HttpClient client = HttpClient.newHttpClient();
  private CredentialRig rig;
  private ServerAssembly running;

  @BeforeEach
  void start() throws Exception {
    rig =
        new CredentialRig(
            List.of(ACCESS_KEY, SECRET_KEY, "http-test-session"),
            List.of("quilt-web"),
            List.of("data/a.csv", "data/b.csv", "readme.md"));
    Map<String, String> env = rig.serverEnvironment();
    running = Main.start(Main.settings(env, err), err);
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close();
    }
    rig.close();
  }

  private HttpResponse<String> post(String body, String token, String session) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.server().port() + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bucketObjectsList_overRealHttp_onExchangedCredentials() throws Exception {
    String token =
        JwtMinter.create(SigningKey.ofUtf8(null, ServerHarness.SECRET), Clock.systemUTC())
            .enhanced("analyst@example.com")
            .buckets(List.of("quilt-web"))
            .permissions(List.of("s3:ListBucket", "s3:GetObject"))
            .mint();
    HttpResponse<String> init = post(Messages.initialize("2025-06-18"), token, null);
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(Messages.INITIALIZED, token, session);

    HttpResponse<String> list = post(Messages.TOOLS_LIST, token, session);
    assertTrue(list.body().contains("\"bucket_objects_list\""), list.body());
    assertTrue(list.body().contains("\"discover_buckets\""), list.body());

    HttpResponse<String> call =
        post(
            Messages.call(
                5, "bucket_objects_list", "{\"bucket\":\"quilt-web\",\"prefix\":\"data/\"}"),
            token,
            session);
    assertEquals(200, call.statusCode(), call.body());
    JsonNode result = ServerHarness.JSON.readTree(call.body()).get("result");
    assertFalse(result.get("isError").asBoolean(), call.body());
    JsonNode s = result.get("structuredContent");
    assertEquals(2, s.get("key_count").asInt());
    assertEquals("data/a.csv", s.get("objects").get(0).get("key").asText());
    assertEquals(5, s.get("objects").get(0).get("size").asLong());
    assertFalse(s.get("truncated").asBoolean());
    assertEquals(1, rig.traceparents().size());
    assertFalse(call.body().contains(SECRET_KEY));
    assertFalse(call.body().contains("http-test-session"));

    // A bucket the token does not grant: 403 before the registry or S3 is asked.
    HttpResponse<String> denied =
        post(
            Messages.call(6, "bucket_objects_list", "{\"bucket\":\"quilt-other\"}"),
            token,
            session);
    assertEquals(403, denied.statusCode());
    assertTrue(
        denied.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
    assertEquals(1, rig.traceparents().size());
  }
}
