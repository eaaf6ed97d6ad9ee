package com.quiltdata.mcp.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StdioServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  private static final String AUTH_STATUS =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"auth_status\","
          + "\"arguments\":{}}}";

  private final Principal principal =
      DesktopPrincipals.desktop("dana", "quilt-demos", Clock.systemUTC());

  private static McpEngine engine(Tool... extra) {
    McpEngine.Builder b =
        McpEngine.builder()
            .addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build());
    for (Tool t : extra) {
      b.addTool(t);
    }
    b.authorizer(com.quiltdata.mcp.auth.PolicyAuthorizer.of(b.requirements()));
    return b.build();
  }

  /** Runs a server over the given input lines to EOF and returns every output line as JSON. */
  private List<JsonNode> runToEnd(McpEngine engine, String... lines) throws IOException {
    String input = String.join("\n", lines) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StdioServer.builder(engine, principal)
        .input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
        .output(out)
        .build()
        .run();
    return parseLines(out.toString(StandardCharsets.UTF_8));
  }

  private static List<JsonNode> parseLines(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    assertTrue(text.isEmpty() || text.endsWith("\n"), "every message ends with a newline");
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      for (JsonNode message : node.isArray() ? node : List.of(node)) {
        assertEquals("2.0", message.path("jsonrpc").asText(), "only JSON-RPC on stdout: " + line);
      }
      out.add(node);
    }
    return out;
  }

  private static JsonNode byId(List<JsonNode> answers, int id) {
    for (JsonNode a : answers) {
      if (a.path("id").isInt() && a.get("id").asInt() == id) {
        return a;
      }
    }
    throw new AssertionError("no answer with id " + id + " in " + answers);
  }

  @Test
  void session_initializeListCallAuthStatus_thenExitsOnEof() throws Exception {
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
    StdioServer server =
        StdioServer.builder(engine(), principal).input(serverIn).output(serverOut).build();
    Thread thread =
        new Thread(
            () -> {
              try {
                server.run();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    thread.start();
    BufferedReader replies =
        new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));

    send(clientOut, String.format(INIT, "2025-06-18"));
    JsonNode init = JSON.readTree(replies.readLine());
    assertEquals("2025-06-18", init.path("result").path("protocolVersion").asText());

    send(clientOut, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    JsonNode list = JSON.readTree(replies.readLine());
    assertEquals(1, list.get("id").asInt(), "the notification produced no output line");
    assertEquals("auth_status", list.path("result").path("tools").get(0).path("name").asText());

    send(clientOut, AUTH_STATUS);
    JsonNode status = JSON.readTree(replies.readLine());
    JsonNode s = status.path("result").path("structuredContent");
    assertEquals("dana", s.path("subject").asText());
    assertEquals("desktop", s.path("origin").asText());
    assertEquals("quilt-demos", s.path("buckets").get(0).asText());
    assertEquals("2025-06-18", s.path("protocol_version").asText());

    clientOut.close();
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(thread.isAlive(), "the server stops at end of input");
  }

  @Test
  void malformedLine_getsParseError_andServerKeepsGoing() throws IOException {
    List<JsonNode> answers =
        runToEnd(
            engine(),
            "{this is not json",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"id\":7}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");
    assertEquals(4, answers.size());
    assertEquals(-32700, answers.get(0).path("error").path("code").asInt());
    assertTrue(answers.get(0).get("id").isNull());
    assertTrue(byId(answers, 5).has("result"));
    assertEquals(-32700, answers.get(2).path("error").path("code").asInt());
    assertTrue(byId(answers, 8).has("result"));
  }

  @Test
  void blankAndCrlfLines_areHandled() throws IOException {
    List<JsonNode> answers =
        runToEnd(engine(), "", "   ", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r", "");
    assertEquals(1, answers.size());
    assertTrue(answers.get(0).has("result"));
  }

  @Test
  void oversizedLine_isRejected_andServerKeepsGoing() throws IOException {
    String huge =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
            + "a".repeat(1_100_000)
            + "\"}}";
    List<JsonNode> answers =
        runToEnd(engine(), huge, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
    assertEquals(2, answers.size());
    assertEquals(-32600, answers.get(0).path("error").path("code").asInt());
    assertTrue(byId(answers, 2).has("result"));
  }

  @Test
  void nonAsciiText_roundTripsAsUtf8() throws IOException {
    Tool echo =
        Tool.of(
            ToolDefinition.builder("echo")
                .description("echo")
                .inputSchema(
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                        JSON.readTree(
                            "{\"type\":\"object\",\"properties\":{\"t\":{\"type\":\"string\"}}}"))
                .requirements(ToolRequirements.open("echo"))
                .build(),
            (a, c) -> ToolResult.text(a.path("t").asText()));
    List<JsonNode> answers =
        runToEnd(
            engine(echo),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"t\":\"Grüße \u2028 日本\"}}}");
    assertEquals(
        "Grüße \u2028 日本",
        answers.get(0).path("result").path("content").get(0).path("text").asText());
  }

  @Test
  void batch_followsTheNegotiatedVersion() throws IOException {
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,"
            + "\"method\":\"ping\"}]";
    List<JsonNode> at0326 = runToEnd(engine(), String.format(INIT, "2025-03-26"), batch);
    assertEquals(2, at0326.size());
    assertTrue(at0326.get(1).isArray());
    assertEquals(2, at0326.get(1).size());

    List<JsonNode> at0618 = runToEnd(engine(), String.format(INIT, "2025-06-18"), batch);
    assertEquals(-32600, at0618.get(1).path("error").path("code").asInt());
  }

  @Test
  void toolCallOutsideGrantedBuckets_isDenied_andInsideRuns() throws IOException {
    Tool list =
        Tool.of(
            ToolDefinition.builder("bucket_objects_list")
                .description("lists")
                .inputSchema(
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                        JSON.readTree(
                            "{\"type\":\"object\",\"properties\":{\"bucket\":{\"type\":\"string\"}},"
                                + "\"required\":[\"bucket\"]}"))
                .requirements(
                    ToolRequirements.builder("bucket_objects_list")
                        .action("s3:ListBucket")
                        .bucket("bucket")
                        .build())
                .build(),
            (a, c) -> ToolResult.text("listed"));
    List<JsonNode> answers =
        runToEnd(
            engine(list),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"bucket_objects_list\",\"arguments\":{\"bucket\":\"someone-elses\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"bucket_objects_list\",\"arguments\":{\"bucket\":\"quilt-demos\"}}}");
    assertEquals(-32003, byId(answers, 1).path("error").path("code").asInt());
    assertEquals(
        "listed", byId(answers, 2).path("result").path("content").get(0).path("text").asText());
  }

  @Test
  void cancelledCall_getsNoResponse_whileOtherMessagesAreAnswered() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean sawCancel = new AtomicBoolean();
    Tool slow =
        Tool.of(
            ToolDefinition.builder("slow")
                .description("waits")
                .inputSchema(
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                        JSON.readTree("{\"type\":\"object\"}"))
                .requirements(ToolRequirements.open("slow"))
                .build(),
            (a, c) -> {
              started.countDown();
              assertTrue(release.await(10, TimeUnit.SECONDS));
              sawCancel.set(c.isCancelled());
              return ToolResult.text("late");
            });
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
    Thread thread =
        new Thread(
            () -> {
              try {
                StdioServer.builder(engine(slow), principal)
                    .input(serverIn)
                    .output(serverOut)
                    .build()
                    .run();
                serverOut.close();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    thread.start();
    BufferedReader replies =
        new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
    send(
        clientOut,
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}");
    assertTrue(started.await(10, TimeUnit.SECONDS));
    send(
        clientOut,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}");
    send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}");
    JsonNode ping = JSON.readTree(replies.readLine());
    assertEquals(10, ping.get("id").asInt(), "ping answered while the tool still runs");
    release.countDown();
    clientOut.close();
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(thread.isAlive());
    assertTrue(sawCancel.get());
    String rest = readAll(replies);
    assertEquals("", rest, "no response for the cancelled call");
  }

  @Test
  void stdoutCarriesOnlyJsonLines_evenWhenToolsFail() throws IOException {
    Tool failing =
        Tool.of(
            ToolDefinition.builder("boom")
                .description("fails")
                .inputSchema(
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                        JSON.readTree("{\"type\":\"object\"}"))
                .requirements(ToolRequirements.open("boom"))
                .build(),
            (a, c) -> {
              throw new IllegalStateException("kaboom");
            });
    List<JsonNode> answers =
        runToEnd(
            engine(failing),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"boom\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}");
    assertEquals(2, answers.size());
    assertTrue(byId(answers, 1).path("result").path("isError").asBoolean());
    assertFalse(byId(answers, 1).toString().contains("kaboom"));
    assertEquals(-32601, byId(answers, 2).path("error").path("code").asInt());
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String readAll(BufferedReader reader) throws IOException {
    StringBuilder sb = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null) {
      sb.append(line);
    }
    assertNotNull(sb);
    return sb.toString();
  }

  @Test
  void notifications_arriveAsLinesBeforeTheResponse_atTheLevelTheClientSet() throws Exception {
    Tool chatty =
        Tool.of(
            ToolDefinition.builder("chatty")
                .description("reports progress and logs")
                .inputSchema(
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                        JSON.readTree("{\"type\":\"object\"}"))
                .requirements(ToolRequirements.open("chatty"))
                .build(),
            (a, c) -> {
              c.progress(1, 2.0, "half");
              c.log(com.quiltdata.mcp.tools.LogLevel.DEBUG, "debug line");
              c.log(com.quiltdata.mcp.tools.LogLevel.INFO, "info line");
              c.progress(2, 2.0, "done");
              return ToolResult.text("chatted");
            });
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"chatty\",\"arguments\":{},\"_meta\":{\"progressToken\":\"t%d\"}}}";
    List<String> byDefault =
        shapes(
            runToEnd(engine(chatty), String.format(INIT, "2025-06-18"), String.format(call, 2, 2)));
    List<String> afterSetLevel =
        shapes(
            runToEnd(
                engine(chatty),
                String.format(INIT, "2025-06-18"),
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}",
                String.format(call, 4, 4)));

    assertEquals(
        List.of(
            "id:0",
            "notifications/progress:t2",
            "notifications/message:info line",
            "notifications/progress:t2",
            "id:2"),
        byDefault);
    assertEquals(
        List.of(
            "id:0",
            "id:3",
            "notifications/progress:t4",
            "notifications/message:debug line",
            "notifications/message:info line",
            "notifications/progress:t4",
            "id:4"),
        afterSetLevel);
  }

  /** Each line as method:data-or-token for notifications, id:N for responses. */
  private static List<String> shapes(List<JsonNode> lines) {
    List<String> seen = new ArrayList<>();
    for (JsonNode l : lines) {
      JsonNode p = l.path("params");
      seen.add(
          l.has("method")
              ? l.path("method").asText()
                  + ":"
                  + p.path("data").asText(p.path("progressToken").asText())
              : "id:" + l.path("id").asInt());
    }
    return seen;
  }
}
