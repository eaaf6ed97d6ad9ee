package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, end to end: the demo jar started exactly as documented (with {@code
 * --port 0} and a data directory under target), the printed URL and token used by the official
 * TypeScript SDK client over Streamable HTTP. The demo process gets made-up ambient AWS
 * credentials: the S3 calls succeed only with the credentials the demo's issuer hands out, because
 * S3Proxy refuses any other key.
 */
class DemoIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String BUCKET = "quilt-demo";
  private static final Map<String, String> AMBIENT_AWS_CANARIES =
      Map.of(
          "AWS_ACCESS_KEY_ID", "AKIAAMBIENTCANARY000",
          "AWS_SECRET_ACCESS_KEY", "ambient-canary-secret-key-never-used-0000",
          "AWS_SESSION_TOKEN", "ambient-canary-session-token");

  private static DemoProcess demo;
  private static ChildProcess.Outcome client;
  private static JsonNode seen;
  private static String why;

  @BeforeAll
  static void startDemoAndRunTheSdkClient() throws Exception {
    Path data = freshDirectory("demo-it-data");
    demo = DemoProcess.start(data, "demo", AMBIENT_AWS_CANARIES);
    client =
        NodeScripts.run(
            List.of("demo-client.mjs", demo.url(), "--bucket", BUCKET),
            Map.of("MCP_BEARER_TOKEN", demo.token()),
            TIMEOUT,
            "demo-sdk-client");
    why =
        client.describe()
            + "\n--- demo stdout ---\n"
            + demo.stdout()
            + "\n--- demo stderr ---\n"
            + demo.stderr();
    seen = NodeScripts.lastJsonLine(client);
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  static Path freshDirectory(String name) throws IOException {
    Path dir = InteropEnvironment.logDir().resolveSibling(name);
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return dir;
  }

  @Test
  void printedUrlAndToken_connectTheSdkClient_andAuthStatusNamesTheDemoUser() {
    assertTrue(demo.url().matches("http://127\\.0\\.0\\.1:\\d+/mcp"), demo.url());
    assertEquals("quilt-mcp", seen.path("serverInfo").path("name").asText(), why);
    List<String> tools = NodeScripts.strings(seen.path("tools"));
    assertTrue(tools.contains("auth_status"), why);
    JsonNode status = seen.path("auth_status");
    assertFalse(status.path("isError").asBoolean(true), why);
    assertEquals(
        "demo-user@quilt-mcp.local", status.path("structured").path("subject").asText(), why);
    assertEquals(List.of(BUCKET), NodeScripts.strings(status.path("structured").path("buckets")));
  }

  /** Needs the S3 tools (tools-core, branch s3-tools). */
  @Test
  void s3Tools_listAndReadTheSampleBucket_withTheIssuedCredentials() {
    List<String> tools = NodeScripts.strings(seen.path("tools"));
    for (String tool : List.of("discover_buckets", "bucket_objects_list", "bucket_object_text")) {
      assertTrue(tools.contains(tool), "the server offers no " + tool + ": " + why);
      JsonNode result = seen.path(tool);
      assertFalse(result.has("thrown"), why);
      assertFalse(result.path("isError").asBoolean(true), why);
    }
    assertTrue(seen.path("discover_buckets").toString().contains(BUCKET), why);
    String listing = seen.path("bucket_objects_list").toString();
    for (String key : List.of("README.md", "data/readings.csv", "data/stations.json")) {
      assertTrue(listing.contains(key), key + " missing from the listing: " + why);
    }
    assertTrue(
        seen.path("bucket_object_text").path("text").asText().contains("# quilt-demo"),
        "bucket_object_text did not return the sample README: " + why);
    assertTrue(demo.stderr().contains("issuing demo S3 credentials"), why);
    assertEquals(0, client.exitCode(), why);
  }

  @Test
  void athenaQuery_asTheBannerShowsIt_returnsFiveRowsOfTheSampleTable() {
    JsonNode query = seen.path("athena_query_execute");
    assertFalse(query.has("thrown"), why);
    assertFalse(query.path("isError").asBoolean(true), why);
    JsonNode result = query.path("structured");
    assertEquals("SUCCEEDED", result.path("state").asText(), why);
    List<String> columns = new java.util.ArrayList<>();
    result.path("columns").forEach(c -> columns.add(c.path("name").asText()));
    assertEquals(List.of("station", "timestamp", "temperature_c", "humidity_pct"), columns, why);
    assertEquals(5, result.path("rows").size(), why);
    assertEquals(5, result.path("row_count").asInt(), why);
    assertEquals("north-pier", result.path("rows").get(0).path("station").asText(), why);
    assertEquals("81", result.path("rows").get(0).path("humidity_pct").asText(), why);
    assertTrue(demo.stdout().contains("SELECT * FROM demo.readings LIMIT 5"), demo.stdout());
  }

  @Test
  void samplePackage_createdAtStartUp_isBrowsableWithTheSdkClient() {
    assertTrue(demo.stdout().contains("sample package demo/weather created"), demo.stdout());
    JsonNode browse = seen.path("package_browse");
    assertFalse(browse.has("thrown"), why);
    assertFalse(browse.path("isError").asBoolean(true), why);
    List<String> keys = new java.util.ArrayList<>();
    browse
        .path("structured")
        .path("entries")
        .forEach(e -> keys.add(e.path("logical_key").asText()));
    assertEquals(
        List.of("README.md", "readings.csv", "stations.json"),
        keys.stream().sorted().toList(),
        why);
  }
}
