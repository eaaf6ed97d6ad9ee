package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.CpuSlots;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: Prometheus metrics on a management listener of their own, named after the OpenTelemetry
 * MCP conventions, whose labels never carry a token, a subject, a session id, a bucket name or
 * anything else a caller chose.
 */
class MetricsTest {
  private static final String SUBJECT = "subject-that-must-not-leak";
  private static final String BUCKET = "bucket-that-must-not-leak";
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private ServerMetrics metrics;
  private ServerHarness h;
  private MetricsListener listener;

  @BeforeEach
  void start() {
    metrics = new ServerMetrics();
    h = new ServerHarness(c -> {}, List.of(), null, metrics);
    metrics.bindSessions(h.sessions);
    listener = new MetricsListener("127.0.0.1", 0, metrics).start();
  }

  @AfterEach
  void stop() {
    listener.stop();
    h.close();
  }

  @Test
  void operations_areTimedByMethodToolAndErrorType_withTheConventionsBuckets() {
    String token = h.token(SUBJECT, BUCKET);
    String session = h.session(token);
    assertEquals(200, call(token, session, "auth_status", "{}").statusCode());
    // a tool error: the required argument is missing
    assertEquals(200, call(token, session, ServerHarness.READ_TOOL, "{}").statusCode());

    String text = scrape();
    assertTrue(
        text.contains(
            "mcp_server_operation_duration_seconds_bucket{error_type=\"\","
                + "gen_ai_tool_name=\"auth_status\",mcp_method_name=\"tools/call\","
                + "mcp_protocol_version=\"2025-06-18\",le=\"0.01\"}"),
        text);
    assertTrue(
        text.contains(
            "mcp_server_operation_duration_seconds_count{error_type=\"tool_error\","
                + "gen_ai_tool_name=\"read_object\",mcp_method_name=\"tools/call\","
                + "mcp_protocol_version=\"2025-06-18\"} 1"),
        text);
    assertTrue(text.contains("mcp_method_name=\"initialize\""), text);
    assertTrue(text.contains("le=\"300.0\""), "the conventions' largest bucket");
    assertTrue(text.contains("mcp_sessions_active "), text);
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM binders");
    assertTrue(text.contains("jetty_threads_busy"), "Jetty binders");
  }

  @Test
  void refusals_areCountedByStatusAndReason() {
    var bad =
        h.send(
            h.post("/mcp", Messages.call(1, "auth_status", "{}"))
                .header("Authorization", "Bearer not.a.token"));
    assertEquals(401, bad.statusCode());
    String text = scrape();
    assertTrue(text.contains("mcp_http_rejected_total{status=\"401\"} 1.0"), text);
    assertTrue(
        text.contains("mcp_auth_failures_total{reason=\"invalid_token_MALFORMED\"} 1.0"), text);
  }

  @Test
  void labels_holdOnlyValuesFromClosedSets_neverWhatACallerSent() {
    String token = h.token(SUBJECT, BUCKET);
    String session = h.session(token);
    call(token, session, "no_such_tool_" + BUCKET, "{}");
    h.send(
        h.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"evil/" + BUCKET + "\"}")
            .header("Authorization", "Bearer " + token)
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", "2025-06-18"));
    h.send(
        h.post("/mcp", Messages.call(3, "auth_status", "{}"))
            .header("Authorization", "Bearer " + token)
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", "1999-" + BUCKET));

    String text = scrape();
    for (String secret : List.of(token, SUBJECT, BUCKET, session)) {
      assertFalse(text.contains(secret), "the scrape holds a caller's value");
    }
    Map<String, Set<String>> values = labelValues(text);
    assertEquals(
        Set.of("tools/call", "initialize", "notifications/initialized", "other"),
        values.get("mcp_method_name"));
    assertTrue(
        Set.of("", "auth_status", "other").containsAll(values.get("gen_ai_tool_name")),
        values.toString());
    assertTrue(
        Set.of("", "2025-06-18").containsAll(values.get("mcp_protocol_version")),
        values.toString());
    for (String type : values.get("error_type")) {
      assertTrue(
          type.isEmpty() || type.equals("tool_error") || type.matches("-?\\d+|http_\\d{3}"), type);
    }
  }

  @Test
  void cpuSlots_showWhatIsFreeWaitedAndOverrun_onlyWhenOn() throws Exception {
    metrics.bindCpuSlots(CpuSlots.OFF);
    assertFalse(scrape().contains("mcp_cpu_slots"), "off: no slot meters");

    CpuSlots slots = CpuSlots.of(1, java.time.Duration.ofMillis(5));
    metrics.bindCpuSlots(slots);
    try (CpuSlots.Slot held = slots.enter()) {
      Thread other =
          new Thread(
              () -> {
                try (CpuSlots.Slot overrun = slots.enter()) {
                  // runs without a slot after 5 ms
                }
              });
      other.start();
      other.join();
      String text = scrape();
      assertTrue(text.contains("mcp_cpu_slots_available 0.0"), text);
      assertTrue(text.contains("mcp_cpu_slots_overruns_total 1.0"), text);
      assertTrue(text.contains("mcp_cpu_slots_waiting 0.0"), text);
      assertTrue(text.contains("mcp_cpu_slots_wait_seconds_total "), text);
    }
    assertTrue(scrape().contains("mcp_cpu_slots_available 1.0"));
  }

  @Test
  void theListener_servesOnlyMetrics_andThePublicPortNever() {
    var other = get(URI.create("http://127.0.0.1:" + listener.port() + "/mcp"), "GET");
    var post = get(URI.create("http://127.0.0.1:" + listener.port() + "/metrics"), "POST");
    var publicPort = h.send(h.request("/metrics").GET());
    assertEquals(404, other.statusCode());
    assertEquals(405, post.statusCode());
    assertEquals(404, publicPort.statusCode());
    assertFalse(publicPort.body().contains("jvm_"), "metrics never on the MCP port");
  }

  private HttpResponse<String> call(String token, String session, String tool, String args) {
    return h.send(
        h.post("/mcp", Messages.call(2, tool, args))
            .header("Authorization", "Bearer " + token)
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", "2025-06-18"));
  }

  private String scrape() {
    HttpResponse<String> r =
        get(URI.create("http://127.0.0.1:" + listener.port() + "/metrics"), "GET");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    return r.body();
  }

  private HttpResponse<String> get(URI uri, String method) {
    return h.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** Label name to the values it takes on the project's own ({@code mcp_}) series. */
  private static Map<String, Set<String>> labelValues(String text) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("mcp_")) {
        continue;
      }
      Matcher m = LABEL.matcher(line);
      while (m.find()) {
        out.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    return out;
  }
}
