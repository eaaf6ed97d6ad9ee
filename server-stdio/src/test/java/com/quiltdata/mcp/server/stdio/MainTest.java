package com.quiltdata.mcp.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
  private static final String INIT_AND_STATUS =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
          + "\"auth_status\",\"arguments\":{}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env) {
    return Main.run(
        env,
        "erin",
        new ByteArrayInputStream(INIT_AND_STATUS.getBytes(StandardCharsets.UTF_8)),
        out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private JsonNode answer(int id) throws Exception {
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode n = new ObjectMapper().readTree(line);
      if (n.path("id").asInt(-1) == id) {
        return n;
      }
    }
    throw new AssertionError("no answer " + id);
  }

  private static List<String> toolNames(JsonNode listAnswer) {
    List<String> names = new java.util.ArrayList<>();
    listAnswer.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_withoutToken_servesTheDesktopUserWithConfiguredBuckets() throws Exception {
    assertEquals(0, run(Map.of("QUILT_DESKTOP_BUCKETS", "alpha-bucket, beta-bucket")));
    JsonNode s = answer(1).path("result").path("structuredContent");
    assertEquals("erin", s.path("subject").asText());
    assertEquals("desktop", s.path("origin").asText());
    assertEquals(2, s.path("buckets").size());
    assertEquals("beta-bucket", s.path("buckets").get(1).asText());
    assertEquals(
        List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject"),
        List.of(
            s.path("actions").get(0).asText(),
            s.path("actions").get(1).asText(),
            s.path("actions").get(2).asText()));
    List<String> names = toolNames(answer(2));
    assertTrue(
        names.containsAll(
            List.of(
                "auth_status",
                "jwt_diagnostics",
                "validate_jwt_token",
                "session_diagnostics",
                "bucket_objects_list",
                "discover_buckets")),
        names.toString());
    assertEquals(
        36,
        names.size(),
        "four diagnostics, seven S3, ten package, ten Athena and five tabulator tools: " + names);
    assertFalse(names.contains("test_simple_text"));
  }

  @Test
  void run_withVerifiedToken_servesTheTokenSubject() throws Exception {
    String token =
        JwtMinter.create(SigningKey.ofUtf8(null, SECRET), Clock.systemUTC())
            .enhanced("frank@example.com")
            .buckets(List.of("quilt-demos"))
            .permissions(List.of("s3:GetObject"))
            .ttl(Duration.ofMinutes(30))
            .mint();
    Map<String, String> env = new HashMap<>();
    env.put("QUILT_ACCESS_TOKEN", token);
    env.put("MCP_JWT_SECRET", SECRET);
    assertEquals(0, run(env));
    JsonNode s = answer(1).path("result").path("structuredContent");
    assertEquals("frank@example.com", s.path("subject").asText());
    assertEquals("bearer_token", s.path("origin").asText());
    assertTrue(s.path("seconds_left").asLong() > 1000);
    String all = out.toString(StandardCharsets.UTF_8) + errText();
    assertFalse(all.contains(token), "the token never appears in output or logs");
    assertFalse(all.contains(SECRET), "the secret never appears in output or logs");
  }

  @Test
  void run_withVerifiedToken_diagnosticsShowTheDesktopKeyAndTheTokensVerdict() throws Exception {
    String token =
        JwtMinter.create(SigningKey.ofUtf8(null, SECRET), Clock.systemUTC())
            .enhanced("frank@example.com")
            .ttl(Duration.ofMinutes(30))
            .mint();
    String input =
        INIT_AND_STATUS.lines().findFirst().orElseThrow()
            + "\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"jwt_diagnostics\",\"arguments\":{}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"validate_jwt_token\",\"arguments\":{}}}\n";
    Map<String, String> env = Map.of("QUILT_ACCESS_TOKEN", token, "MCP_JWT_SECRET", SECRET);
    assertEquals(
        0,
        Main.run(
            env,
            "erin",
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8)));
    JsonNode jwt = answer(5).path("result").path("structuredContent");
    assertEquals("desktop", jwt.path("environment").asText());
    assertEquals("bearer", jwt.path("scheme").asText());
    assertEquals("env", jwt.path("server_key").path("source").asText());
    assertEquals(
        SigningKey.ofUtf8(null, SECRET).fingerprint(),
        jwt.path("server_key").path("fingerprint").asText());
    JsonNode verdict = answer(6).path("result").path("structuredContent").path("verdict");
    assertTrue(verdict.path("valid").asBoolean(), verdict.toString());
    String all = out.toString(StandardCharsets.UTF_8) + errText();
    assertFalse(all.contains(token.substring(token.length() - 43)), "no token part is shown");
    assertFalse(all.contains(SECRET));
  }

  @Test
  void run_tokenWithoutSecret_failsAtStartWithClearMessage() {
    assertEquals(Main.EXIT_CONFIGURATION, run(Map.of("QUILT_ACCESS_TOKEN", "a.b.c")));
    assertTrue(errText().contains("MCP_JWT_SECRET"));
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout");
  }

  @Test
  void run_tokenSignedWithAnotherSecret_failsAtStart() {
    String token =
        JwtMinter.create(
                SigningKey.ofUtf8(null, "another-secret-another-secret-another-secret"),
                Clock.systemUTC())
            .enhanced("mallory")
            .ttl(Duration.ofMinutes(5))
            .mint();
    Map<String, String> env = Map.of("QUILT_ACCESS_TOKEN", token, "MCP_JWT_SECRET", SECRET);
    assertEquals(Main.EXIT_CONFIGURATION, run(env));
    assertTrue(errText().contains("rejected"));
    assertFalse(errText().contains(token));
    assertFalse(errText().contains(SECRET));
  }

  @Test
  void run_shortSecret_failsAtStart() {
    Map<String, String> env = Map.of("QUILT_ACCESS_TOKEN", "a.b.c", "MCP_JWT_SECRET", "short");
    assertEquals(Main.EXIT_CONFIGURATION, run(env));
    assertTrue(errText().contains("32 bytes"));
  }

  @Test
  void run_invalidBucketName_failsAtStart() {
    assertEquals(Main.EXIT_CONFIGURATION, run(Map.of("QUILT_DESKTOP_BUCKETS", "Bad_Bucket")));
    assertTrue(errText().contains("QUILT_DESKTOP_BUCKETS"));
  }

  @Test
  void run_conformanceProfile_listsTestTools_andUnknownProfileFails() throws Exception {
    assertEquals(0, run(Map.of("MCP_TEST_TOOLS", "conformance")));
    List<String> names = toolNames(answer(2));
    assertTrue(
        names.containsAll(List.of("auth_status", "test_simple_text", "json_schema_2020_12_tool")),
        names.toString());
    assertEquals(47, names.size(), "the 36 served tools and 11 conformance tools: " + names);
    assertEquals(Main.EXIT_CONFIGURATION, run(Map.of("MCP_TEST_TOOLS", "everything")));
  }

  @Test
  void run_badS3Endpoint_isAConfigurationErrorNamingTheVariable() {
    assertEquals(2, run(Map.of("AWS_ENDPOINT_URL", "not a url")));
    assertTrue(errText().contains("AWS_ENDPOINT_URL must be"), errText());
    assertFalse(errText().contains("not a url"));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
