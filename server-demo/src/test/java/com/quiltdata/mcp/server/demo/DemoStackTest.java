package com.quiltdata.mcp.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo in this JVM: embedded S3, credential issuer and the production server started from
 * the map, driven over real HTTP with the printed token; and the canary: the generated secret and
 * the S3 keys never appear on stdout or in any log line.
 */
class DemoStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXPORT =
      Pattern.compile("(?m)^\\s*export (MCP_URL|MCP_TOKEN)=(\\S+)$");

  @TempDir Path data;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final HttpClient client = HttpClient.newHttpClient();

  private String stdout() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private DemoStack start(int port, int s3Port, int registryPort) {
    return DemoStack.start(
        new LaunchOptions(data, port, s3Port, registryPort),
        out,
        Clock.systemUTC(),
        new SecureRandom());
  }

  private HttpResponse<String> post(URI url, String token, String session, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
      request.header("MCP-Protocol-Version", DemoBanner.CURL_PROTOCOL_VERSION);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> exports(String banner) {
    Matcher m = EXPORT.matcher(banner);
    Map<String, String> found = new java.util.HashMap<>();
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  @Test
  void printedUrlAndToken_reachTheProductionServerAndTheSampleBucket_andNoSecretIsPrintedOrLogged()
      throws Exception {
    String logs;
    DemoStack demo;
    String toolsList;
    JsonNode status;
    JsonNode listing;
    JsonNode readings;
    JsonNode weather;
    JsonNode query;
    List<String> athenaSigners;
    int issued;
    try (LogCapture capture = new LogCapture()) {
      demo = start(0, 0, 0);
      try (demo) {
        Map<String, String> printed = exports(stdout());
        URI url = URI.create(printed.get("MCP_URL"));
        String token = printed.get("MCP_TOKEN");
        assertEquals(demo.mcpUrl(), url);
        assertEquals(demo.token(), token);

        HttpResponse<String> init =
            post(
                url,
                token,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        toolsList =
            post(url, token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .body();
        HttpResponse<String> call =
            post(
                url,
                token,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"auth_status\",\"arguments\":{}}}");
        assertEquals(200, call.statusCode(), call.body());
        status = JSON.readTree(call.body()).path("result").path("structuredContent");
        // the S3 tools: token -> issuer -> temporary credentials -> S3Proxy, all in this JVM
        HttpResponse<String> list =
            post(
                url,
                token,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"bucket_objects_list\",\"arguments\":{\"bucket\":\""
                    + SampleBucket.NAME
                    + "\"}}}");
        listing = JSON.readTree(list.body()).path("result");
        HttpResponse<String> text =
            post(
                url,
                token,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"bucket_object_text\",\"arguments\":{\"s3_uri\":"
                    + "\"s3://quilt-demo/data/readings.csv\"}}}");
        readings = JSON.readTree(text.body()).path("result");
        HttpResponse<String> browse =
            post(
                url,
                token,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"package_browse\",\"arguments\":{\"package_name\":\""
                    + SamplePackage.NAME
                    + "\",\"registry\":\"s3://quilt-demo\"}}}");
        weather = JSON.readTree(browse.body()).path("result");
        HttpResponse<String> sql =
            post(
                url,
                token,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"athena_query_execute\",\"arguments\":{\"query\":\""
                    + DemoAthena.EXAMPLE_QUERY
                    + "\"}}}");
        query = answer(sql.body()).path("result");
        athenaSigners = demo.athena().signers();
        issued = demo.credentialsIssued();
      }
      logs = capture.text();
    }

    assertTrue(toolsList.contains("\"auth_status\""), toolsList);
    assertEquals(DemoStack.SUBJECT, status.path("subject").asText(), status.toString());
    assertEquals(List.of(SampleBucket.NAME), texts(status.path("buckets")));
    assertEquals(DemoStack.ACTIONS, texts(status.path("actions")));
    assertFalse(listing.path("isError").asBoolean(true), listing.toString());
    List<String> keys = new java.util.ArrayList<>();
    listing
        .path("structuredContent")
        .path("objects")
        .forEach(o -> keys.add(o.path("key").asText()));
    assertEquals(
        List.of("README.md", "data/readings.csv", "data/stations.json", "images/checker.png"),
        keys.stream().filter(k -> !k.startsWith(".quilt/")).sorted().toList());
    // the sample package's manifest and pointers, written by package_create at start-up
    assertTrue(
        keys.contains(".quilt/named_packages/" + SamplePackage.NAME + "/latest"), keys.toString());
    assertEquals(
        1, keys.stream().filter(k -> k.startsWith(".quilt/packages/")).count(), keys.toString());
    assertFalse(readings.path("isError").asBoolean(true), readings.toString());
    assertTrue(
        readings.path("structuredContent").path("text").asText().startsWith("station,timestamp"),
        readings.toString());
    assertFalse(weather.path("isError").asBoolean(true), weather.toString());
    List<String> logical = new java.util.ArrayList<>();
    weather
        .path("structuredContent")
        .path("entries")
        .forEach(e -> logical.add(e.path("logical_key").asText()));
    assertEquals(
        List.of("README.md", "readings.csv", "stations.json"), logical.stream().sorted().toList());
    assertEquals(
        SamplePackage.MESSAGE,
        weather.path("structuredContent").path("message").asText(),
        weather.toString());
    // Athena: the stand-in ran the query on the sample CSV, signed with the issued key pair
    assertFalse(query.path("isError").asBoolean(true), query.toString());
    JsonNode result = query.path("structuredContent");
    List<String> columns = new java.util.ArrayList<>();
    result.path("columns").forEach(c -> columns.add(c.path("name").asText()));
    assertEquals(List.of("station", "timestamp", "temperature_c", "humidity_pct"), columns);
    assertEquals(5, result.path("rows").size(), result.toString());
    assertEquals(
        "north-pier", result.path("rows").get(0).path("station").asText(), result.toString());
    assertEquals(List.of(demo.s3Keys().accessKeyId()), athenaSigners);
    assertEquals(1, issued, "one exchange, then the credentials were reused from the cache");

    String everything = stdout() + "\n" + logs;
    byte[] secretBytes = Base64.getDecoder().decode(demo.secret().environmentValue());
    for (String canary :
        List.of(
            demo.secret().environmentValue(),
            HexFormat.of().formatHex(secretBytes),
            Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes),
            new String(secretBytes, StandardCharsets.ISO_8859_1),
            demo.s3Keys().secretAccessKey())) {
      assertFalse(everything.contains(canary), "a secret reached the output or the logs");
    }
    assertTrue(stdout().contains(demo.secret().fingerprint()), "the fingerprint is shown instead");
    assertTrue(logs.contains("MCP endpoint listening"), "the capture saw the server's logs");
  }

  /** The JSON-RPC answer of a response: plain JSON, or the event stream's message with an id. */
  private static JsonNode answer(String body) throws java.io.IOException {
    if (body.startsWith("{")) {
      return JSON.readTree(body);
    }
    JsonNode last = JSON.missingNode();
    for (String line : body.split("\\R")) {
      if (line.startsWith("data:")) {
        JsonNode node = JSON.readTree(line.substring("data:".length()).strip());
        if (node.has("id")) {
          last = node;
        }
      }
    }
    return last;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void progressLines_thenBanner_thenStopLines() throws Exception {
    try (DemoStack demo = start(0, 0, 0)) {
      String text = stdout();
      int dataLine = text.indexOf("quilt-mcp-demo: data directory " + data.toAbsolutePath());
      int s3Line =
          text.indexOf("quilt-mcp-demo: embedded S3 (S3Proxy) started on " + demo.s3Endpoint());
      int athenaLine =
          text.indexOf(
              "quilt-mcp-demo: Athena and Glue stand-in (DuckDB) started on "
                  + demo.athena().endpoint()
                  + "; table demo.readings reads s3://quilt-demo/data/readings.csv");
      int issuerLine =
          text.indexOf(
              "quilt-mcp-demo: credential issuer started on "
                  + demo.registryUrl()
                  + CredentialIssuer.PATH);
      int serverLine = text.indexOf("quilt-mcp-demo: MCP server started on " + demo.mcpUrl());
      int banner = text.indexOf("quilt-mcp demo is running");
      assertTrue(
          0 <= dataLine
              && dataLine < s3Line
              && s3Line < athenaLine
              && athenaLine < issuerLine
              && issuerLine < serverLine
              && serverLine < banner,
          text);
      assertTrue(text.contains("4 sample objects written, 0 already there"), text);
      int packageLine =
          text.indexOf(
              "quilt-mcp-demo: sample package "
                  + SamplePackage.NAME
                  + " created with package_create (top hash ");
      assertTrue(serverLine < packageLine && packageLine < banner, text);
      assertTrue(text.contains("\"name\":\"package_browse\""), text);
      assertTrue(text.contains("\"query\":\"SELECT * FROM demo.readings LIMIT 5\""), text);
      assertTrue(
          text.contains("npx -y @modelcontextprotocol/inspector@2.12.0 --cli \"$MCP_URL\""), text);
      assertTrue(text.contains("Ctrl-C"), text);
      assertTrue(text.contains("Every valid token gets the same S3 key pair"), text);
    }
    assertTrue(stdout().endsWith("quilt-mcp-demo: stopping\nquilt-mcp-demo: stopped\n"), stdout());
  }

  @Test
  void secondRun_onTheSameDataDirectory_keepsTheBucketAndMintsANewSecret() {
    String firstFingerprint;
    try (DemoStack first = start(0, 0, 0)) {
      firstFingerprint = first.secret().fingerprint();
    }
    try (DemoStack second = start(0, 0, 0)) {
      assertTrue(stdout().contains("0 sample objects written, 4 already there"), stdout());
      assertTrue(
          stdout().contains("sample package " + SamplePackage.NAME + " already there"), stdout());
      assertFalse(firstFingerprint.equals(second.secret().fingerprint()));
    }
  }

  @Test
  void token_grantsTheSampleBucketForAnHourAndVerifiesWithTheRunsSecret() {
    try (DemoStack demo = start(0, 0, 0)) {
      QuiltClaims claims =
          JwtVerifier.create(
                  VerifierConfig.builder(KeyRing.of(demo.secret().signingKey()))
                      .issuers(Set.of(DemoStack.ISSUER))
                      .audiences(Set.of(DemoStack.AUDIENCE))
                      .build())
              .verify(demo.token());
      assertEquals(DemoStack.SUBJECT, claims.subject());
      assertEquals(List.of(SampleBucket.NAME), claims.buckets());
      assertEquals(Set.copyOf(DemoStack.ACTIONS), Set.copyOf(claims.permissions()));
      long lifetime =
          claims.expiresAt().getEpochSecond() - claims.issuedAt().orElseThrow().getEpochSecond();
      assertEquals(DemoStack.TOKEN_LIFETIME.toSeconds(), lifetime);
    }
  }

  @Test
  void serverEnvironment_isExactlyWhatTheDemoSets_withoutAnyAwsCredentials() {
    DemoSecret secret = DemoSecret.generate(new SecureRandom());
    Map<String, String> env =
        DemoStack.environment(
            secret,
            URI.create("http://127.0.0.1:1"),
            URI.create("http://127.0.0.1:2"),
            URI.create("http://127.0.0.1:3"),
            8000);
    assertEquals(
        Set.of(
            "MCP_HOST",
            "MCP_PORT",
            "MCP_JWT_SECRET",
            "MCP_JWT_SECRET_ENCODING",
            "MCP_JWT_ISSUER",
            "MCP_JWT_AUDIENCE",
            "QUILT_REGISTRY_URL",
            "AWS_ENDPOINT_URL_S3",
            "AWS_ENDPOINT_URL_ATHENA",
            "AWS_REGION"),
        env.keySet());
    assertEquals("127.0.0.1", env.get("MCP_HOST"));
    assertEquals("http://127.0.0.1:2", env.get("AWS_ENDPOINT_URL_S3"));
    assertEquals("http://127.0.0.1:3", env.get("AWS_ENDPOINT_URL_ATHENA"));
    assertEquals("us-east-1", env.get("AWS_REGION"));
  }

  @Test
  void mcpPortInUse_isExit1NamingPort_andStopsWhatHadStarted() throws Exception {
    int s3Port;
    int registryPort;
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      s3Port = a.getLocalPort();
      registryPort = b.getLocalPort();
    }
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      DemoStartException e =
          assertThrows(
              DemoStartException.class, () -> start(busy.getLocalPort(), s3Port, registryPort));
      assertEquals(DemoStartException.EXIT_START_FAILURE, e.exitStatus());
      assertTrue(
          e.getMessage().startsWith("the MCP server did not start: cannot listen on 127.0.0.1:"),
          e.getMessage());
      assertTrue(
          e.getMessage().endsWith("choose another port with --port, or 0 for any free port"));
    }
    // the S3 server and the issuer were stopped: their ports are free again
    try (ServerSocket a = new ServerSocket(s3Port, 1, InetAddress.getByName("127.0.0.1"));
        ServerSocket b = new ServerSocket(registryPort, 1, InetAddress.getByName("127.0.0.1"))) {
      assertTrue(a.isBound() && b.isBound());
    }
  }

  @Test
  void close_stopsTheMcpServer() throws Exception {
    URI health;
    try (DemoStack demo = start(0, 0, 0)) {
      health = demo.mcpUrl().resolve("/health");
      assertEquals(
          200,
          client
              .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode());
    }
    URI stopped = health;
    assertThrows(
        ConnectException.class,
        () ->
            client.send(
                HttpRequest.newBuilder(stopped).build(), HttpResponse.BodyHandlers.discarding()));
  }
}
