package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 and 16: with no {@code OTEL_EXPORTER_OTLP_ENDPOINT} nothing of the OpenTelemetry SDK is
 * loaded (the class loading of a real server process, {@code -verbose:class}), no SDK thread runs,
 * nothing is exported and the request's trace goes on to the registry unchanged; the same process
 * with an endpoint loads the SDK, and SIGTERM flushes its spans (the checks can fail).
 */
class TracingOffTest {
  private static final String TRACE = "00-5bf92f3577b34da6a3ce929d0e0e4736-10f067aa0ba902b7-01";
  private static final Pattern LISTENING =
      Pattern.compile("MCP endpoint listening on http://127\\.0\\.0\\.1:(\\d+)/mcp");

  private final HttpClient client = HttpClient.newHttpClient();
  private CredentialRig rig;
  private OtlpReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    rig =
        new CredentialRig(
            List.of("ASIATRACINGOFF000001", "off-secret", "off-session"), List.of(), List.of());
    receiver = new OtlpReceiver();
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
    receiver.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", ServerHarness.SECRET);
    env.put("QUILT_REGISTRY_URL", rig.registryUrl());
    env.put("MCP_PORT", "0");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_S3", rig.s3Url()); // refused: the tool fails after
    // a variable of the SDK's family without an endpoint turns nothing on
    env.put("OTEL_SERVICE_NAME", "quilt-mcp-off-test");
    return env;
  }

  @Test
  void noEndpoint_loadsNoSdkClass_andPassesTheTraceOnUnchanged() throws Exception {
    String classes = runProcess(env());
    assertTrue(classes.contains("com.quiltdata.mcp.server.http.McpEndpoint"), "-verbose:class");
    List<String> loaded = matching(classes, "io.opentelemetry");
    assertEquals(List.of(), loaded, "OpenTelemetry classes loaded with tracing off");
    assertEquals(List.of(TRACE), rig.traceparents(), "the incoming trace, as it came");
    assertTrue(receiver.requests().isEmpty());
  }

  @Test
  void withAnEndpoint_theSdkIsLoaded_andSigtermFlushesTheSpans() throws Exception {
    Map<String, String> env = env();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.baseUrl());
    String classes = runProcess(env);
    assertFalse(matching(classes, "io.opentelemetry.sdk.trace.SdkTracerProvider").isEmpty());
    assertEquals(1, rig.traceparents().size());
    assertTrue(
        rig.traceparents().get(0).startsWith(TRACE.substring(0, 36)), rig.traceparents()::toString);
    assertFalse(rig.traceparents().get(0).equals(TRACE), "a client span's own id goes on");
    assertTrue(
        receiver.spans().stream()
            .anyMatch(s -> s.getName().equals("tools/call bucket_objects_list")),
        "the spans were exported before the process ended");
  }

  @Test
  void noEndpoint_inProcess_exportsNothing_andRunsNoSdkThread() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ServerAssembly running =
        Main.start(Main.settings(env(), new PrintStream(err)), new PrintStream(err))) {
      assertEquals(200, call(running.server().port(), "tools/list", null).statusCode());
      assertEquals(List.of(), sdkThreads());
    }
    assertTrue(receiver.requests().isEmpty());

    Map<String, String> on = env();
    on.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.baseUrl());
    try (ServerAssembly running =
        Main.start(Main.settings(on, new PrintStream(err)), new PrintStream(err))) {
      assertEquals(200, call(running.server().port(), "tools/list", null).statusCode());
      assertFalse(sdkThreads().isEmpty(), "the control: the exporting server runs its thread");
    }
    // the worker signals the flush, then leaves its loop: give it a bounded moment to end
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("BatchSpanProcessor")) {
        t.join(10_000);
      }
    }
    assertEquals(List.of(), sdkThreads(), "closing stops the SDK's thread");
    assertTrue(receiver.spans().stream().anyMatch(s -> s.getName().equals("tools/list")));
  }

  private static List<String> sdkThreads() {
    List<String> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("BatchSpanProcessor")) {
        out.add(t.getName());
      }
    }
    return out;
  }

  private static String token() {
    return JwtMinter.create(SigningKey.ofUtf8(null, ServerHarness.SECRET), Clock.systemUTC())
        .enhanced("off-analyst@example.com")
        .buckets(List.of("quilt-off"))
        .permissions(List.of("s3:ListBucket", "s3:GetObject"))
        .mint();
  }

  /** A 2026-07-28 (sessionless) request with a bearer token and the test's traceparent. */
  private HttpResponse<String> call(int port, String method, String tool) throws Exception {
    String params =
        tool == null ? null : "\"name\":\"" + tool + "\",\"arguments\":{\"bucket\":\"quilt-off\"}";
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token())
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", method)
            .header("traceparent", TRACE)
            .POST(HttpRequest.BodyPublishers.ofString(Messages.modern(method, params)));
    if (tool != null) {
      r.header("Mcp-Name", tool);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Runs the server's {@code Main} in its own JVM with {@code -verbose:class}, makes one tool call
   * that exchanges the token at the registry, stops it with SIGTERM and returns what it printed.
   */
  private String runProcess(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-verbose:class",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    StringBuffer out = new StringBuffer();
    Thread reader = new Thread(() -> drain(process.getInputStream(), out), "test-process-output");
    reader.start();
    try {
      int port = awaitPort(out, process);
      HttpResponse<String> response = call(port, "tools/call", "bucket_objects_list");
      assertEquals(200, response.statusCode(), response.body());
    } finally {
      process.destroy(); // SIGTERM: the shutdown hook stops the server gracefully
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      reader.join(10_000);
    }
    return out.toString();
  }

  private static int awaitPort(StringBuffer out, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && process.isAlive()) {
      Matcher m = LISTENING.matcher(out);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server did not start:\n" + tail(out.toString()));
  }

  private static void drain(InputStream in, StringBuffer out) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static List<String> matching(String output, String needle) {
    List<String> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.contains(needle) && out.size() < 10) {
        out.add(line);
      }
    }
    return out;
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
