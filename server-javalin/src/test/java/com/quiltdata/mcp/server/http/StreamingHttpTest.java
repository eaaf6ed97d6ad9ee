package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolHandler;
import com.quiltdata.mcp.tools.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** tools/call answered as SSE (progress, logs, keep-alives) or plain JSON, over a real server. */
class StreamingHttpTest {
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private ServerHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static Tool tool(String name, ToolHandler body) {
    return Tool.of(
        ToolDefinition.builder(name)
            .description("streaming test tool " + name)
            .inputSchema(ServerHarness.JSON.createObjectNode().put("type", "object"))
            .requirements(ToolRequirements.open(name))
            .build(),
        body);
  }

  private ServerHarness start(Duration keepAlive) {
    List<Tool> tools = new ArrayList<>();
    tools.add(
        tool(
            "steps",
            (a, c) -> {
              c.log(LogLevel.DEBUG, "debug detail");
              for (int i = 1; i <= 3; i++) {
                c.progress(i, 3.0, "step " + i);
                c.log(LogLevel.INFO, "did step " + i);
              }
              return ToolResult.text("three steps");
            }));
    tools.add(
        tool(
            "silent",
            (a, c) -> {
              long seconds = a.path("seconds").asLong(0);
              Thread.sleep(seconds * 1000);
              return ToolResult.text("slept " + seconds);
            }));
    tools.add(
        tool(
            "forever",
            (a, c) -> {
              c.progress(1, null, "started");
              CountDownLatch stop = new CountDownLatch(1);
              try (ToolContext.Registration r = c.onCancel(stop::countDown)) {
                if (stop.await(30, TimeUnit.SECONDS)) {
                  cancelled.countDown();
                }
              }
              return ToolResult.text("never reached in time");
            }));
    h = new ServerHarness(b -> b.sseKeepAlive(keepAlive), tools);
    return h;
  }

  private static String call(String tool, String args, String meta) {
    return "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + args
        + (meta == null ? "" : ",\"_meta\":" + meta)
        + "}}";
  }

  private HttpRequest.Builder inSession(String body, String accept) {
    String token = h.token("alice@example.com");
    String session = h.session(token);
    return h.post("/mcp", body)
        .setHeader("Accept", accept)
        .header("Authorization", "Bearer " + token)
        .header("Mcp-Session-Id", session)
        .header("MCP-Protocol-Version", "2025-06-18");
  }

  /** The data of each {@code event: message} of an SSE body, in order. */
  private static List<JsonNode> events(String body) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      if (frame.startsWith("event: message\ndata: ")) {
        out.add(ServerHarness.JSON.readTree(frame.substring("event: message\ndata: ".length())));
      }
    }
    return out;
  }

  @Test
  void progressRequested_andSseAccepted_streamsNotificationsThenTheResponse() throws Exception {
    start(Duration.ofSeconds(15));
    HttpResponse<String> r =
        h.send(
            inSession(
                call("steps", "{}", "{\"progressToken\":\"p-1\"}"),
                "application/json, text/event-stream"));

    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<JsonNode> events = events(r.body());
    assertEquals(7, events.size(), r.body());
    List<String> methods = new ArrayList<>();
    events.subList(0, 6).forEach(e -> methods.add(e.path("method").asText()));
    assertEquals(
        List.of(
            "notifications/progress",
            "notifications/message",
            "notifications/progress",
            "notifications/message",
            "notifications/progress",
            "notifications/message"),
        methods);
    assertEquals("p-1", events.get(0).path("params").path("progressToken").asText());
    JsonNode response = events.get(6);
    assertEquals(11, response.path("id").asInt());
    assertEquals(
        "three steps", response.path("result").path("content").get(0).path("text").asText());
    assertFalse(r.body().contains("debug detail"), "info is the default level");
  }

  @Test
  void a20260728Request_streamsTooWithItsOwnLogLevel() throws Exception {
    start(Duration.ofSeconds(15));
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
            + "\"arguments\":{},\"_meta\":{\"progressToken\":\"m\","
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/logLevel\":\"debug\"}}}";
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", body)
                .header("Authorization", "Bearer " + h.token("alice@example.com"))
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", "steps"));

    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<JsonNode> events = events(r.body());
    assertEquals("debug detail", events.get(0).path("params").path("data").asText(), r.body());
    assertEquals(8, events.size(), r.body());
    assertEquals("complete", events.get(7).path("result").path("resultType").asText());
    assertFalse(r.headers().firstValue("Mcp-Session-Id").isPresent());
  }

  @Test
  void clientAcceptingOnlyJson_getsPlainJson_withoutNotifications() throws Exception {
    start(Duration.ofSeconds(15));
    HttpResponse<String> r =
        h.send(inSession(call("steps", "{}", "{\"progressToken\":1}"), "application/json"));

    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = ServerHarness.JSON.readTree(r.body());
    assertEquals("three steps", body.path("result").path("content").get(0).path("text").asText());
  }

  @Test
  void aQuickSilentCall_staysPlainJsonEvenWhenSseIsAccepted() throws Exception {
    start(Duration.ofSeconds(15));
    HttpResponse<String> r =
        h.send(inSession(call("silent", "{}", null), "application/json, text/event-stream"));

    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals(
        "slept 0",
        ServerHarness.json(r).path("result").path("content").get(0).path("text").asText());
  }

  @Test
  void aLongSilentCall_switchesToSse_withKeepAliveComments() throws Exception {
    start(Duration.ofSeconds(1));
    HttpResponse<String> r =
        h.send(
            inSession(
                call("silent", "{\"seconds\":3}", null), "application/json, text/event-stream"));

    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    int comments = r.body().split(": keep-alive\n\n", -1).length - 1;
    assertTrue(comments >= 2, "keep-alives: " + comments);
    List<JsonNode> events = events(r.body());
    assertEquals(1, events.size());
    assertEquals(
        "slept 3", events.get(0).path("result").path("content").get(0).path("text").asText());
  }

  @Test
  void setLevelDebug_onTheSession_letsDebugMessagesThrough() throws Exception {
    start(Duration.ofSeconds(15));
    String token = h.token("alice@example.com");
    String session = h.session(token);
    h.send(
        h.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}")
            .header("Authorization", "Bearer " + token)
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", "2025-06-18"));
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", call("steps", "{}", null))
                .header("Authorization", "Bearer " + h.token("alice@example.com"))
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18"));

    assertTrue(r.body().contains("debug detail"), r.body());
  }

  @Test
  void aClientThatGoesAway_cancelsTheRunningCall() throws Exception {
    start(Duration.ofSeconds(1));
    String token = h.token("alice@example.com");
    String session = h.session(token);
    String body = call("forever", "{}", "{\"progressToken\":\"f\"}");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Accept: application/json, text/event-stream\r\n"
                  + "Authorization: Bearer "
                  + token
                  + "\r\nMcp-Session-Id: "
                  + session
                  + "\r\nMCP-Protocol-Version: 2025-06-18\r\nContent-Length: "
                  + body.getBytes(StandardCharsets.UTF_8).length
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = new byte[64];
      assertTrue(in.read(head) > 0, "the stream opened");
    } // the client hangs up here
    assertTrue(
        cancelled.await(10, TimeUnit.SECONDS),
        "the tool heard the cancellation after the client went away");
  }

  @Test
  void keepAlives_holdALongCallOpen_throughAProxyThatCutsIdleConnections() throws Exception {
    start(Duration.ofSeconds(1));
    try (IdleCuttingProxy proxy = new IdleCuttingProxy(h.server.port(), 2500)) {
      HttpResponse<String> r = viaProxy(proxy, "application/json, text/event-stream");
      assertEquals(0, proxy.cut(), "nothing was cut");
      assertEquals(
          "slept 5",
          events(r.body()).get(0).path("result").path("content").get(0).path("text").asText());

      // The control: a client that cannot take SSE gets no keep-alives, and the proxy cuts it.
      assertThrows(IOException.class, () -> viaProxy(proxy, "application/json"));
      assertEquals(1, proxy.cut());
    }
  }

  private HttpResponse<String> viaProxy(IdleCuttingProxy proxy, String accept)
      throws IOException, InterruptedException {
    String token = h.token("alice@example.com");
    String session = h.session(token);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/mcp"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .header("Authorization", "Bearer " + token)
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", "2025-06-18")
            .POST(HttpRequest.BodyPublishers.ofString(call("silent", "{\"seconds\":5}", null)))
            .build();
    return h.client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
