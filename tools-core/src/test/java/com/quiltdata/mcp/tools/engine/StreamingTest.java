package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolHandler;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Progress, log messages, logging/setLevel and their bounds, through the engine. */
class StreamingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V = ProtocolVersions.V2026_07_28;

  /** A sink recording every notification, and whether the engine asked it to open a stream. */
  private static final class Recorder implements NotificationSink {
    final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    final AtomicBoolean opened = new AtomicBoolean();

    @Override
    public void progressRequested() {
      opened.set(true);
    }

    @Override
    public void send(String json) {
      assertFalse(json.contains("\n"), "one line each");
      try {
        sent.add(JSON.readTree(json));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    List<JsonNode> of(String method) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode n : sent) {
        if (method.equals(n.path("method").asText())) {
          out.add(n.path("params"));
        }
      }
      return out;
    }
  }

  private static McpEngine engine(ToolHandler body) {
    return EngineHarness.builder(CountingAuthorizer.allowing())
        .addTool(CountingTool.simple("work", body))
        .build();
  }

  private static String call(String meta) {
    return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"work\","
        + "\"arguments\":{}"
        + (meta == null ? "" : ",\"_meta\":" + meta)
        + "}}";
  }

  private static CallContext legacyWith(Recorder r, Principal p) {
    Session s = legacy(p, "2025-06-18").session().orElseThrow();
    return CallContext.http().principal(p).session(s).notifications(r).build();
  }

  @Test
  void progress_withTheClientsToken_isSentInOrder_onlyForward_andOpensTheStream() {
    Recorder r = new Recorder();
    McpEngine e =
        engine(
            (a, c) -> {
              c.progress(0, 100.0, "start");
              c.progress(50, 100.0, null);
              c.progress(40, 100.0, "backwards: dropped");
              c.progress(50, 100.0, "same: dropped");
              c.progress(100, 100.0, "done");
              return ToolResult.text("ok");
            });

    EngineResponse out =
        send(e, call("{\"progressToken\":\"tok-1\"}"), legacyWith(r, TestPrincipals.alice()));

    assertEquals(Outcome.ANSWER, out.outcome());
    assertTrue(r.opened.get());
    List<JsonNode> p = r.of("notifications/progress");
    assertEquals(3, p.size(), r.sent.toString());
    assertEquals("tok-1", p.get(0).path("progressToken").asText());
    assertEquals(
        List.of(0.0, 50.0, 100.0), p.stream().map(n -> n.path("progress").asDouble()).toList());
    assertEquals(100.0, p.get(2).path("total").asDouble());
    assertEquals("done", p.get(2).path("message").asText());
    assertFalse(p.get(1).has("message"));
  }

  @Test
  void progress_integerToken_keptAsAnInteger_andWithoutAToken_nothingIsSent() {
    Recorder withToken = new Recorder();
    Recorder without = new Recorder();
    McpEngine e =
        engine(
            (a, c) -> {
              c.progress(1, 2);
              return ToolResult.text("ok");
            });

    send(e, call("{\"progressToken\":42}"), legacyWith(withToken, TestPrincipals.alice()));
    send(e, call(null), legacyWith(without, TestPrincipals.alice()));

    assertTrue(withToken.of("notifications/progress").get(0).path("progressToken").isInt());
    assertTrue(without.sent.isEmpty());
    assertFalse(without.opened.get());
  }

  @Test
  void legacyLogs_atInfoAndAboveByDefault_orAtTheSessionsChosenLevel() {
    ToolHandler body =
        (a, c) -> {
          c.log(LogLevel.DEBUG, "debug");
          c.log(LogLevel.INFO, "info");
          c.log(LogLevel.ERROR, "error");
          return ToolResult.text("ok");
        };
    Recorder byDefault = new Recorder();
    Recorder warning = new Recorder();
    Principal alice = TestPrincipals.alice();
    send(engine(body), call(null), legacyWith(byDefault, alice));
    Session chosen =
        new Session(
            "sess-1",
            alice.subject(),
            "2025-06-18",
            TestPrincipals.NOW,
            TestPrincipals.NOW,
            TestPrincipals.NOW,
            null,
            "warning");
    send(
        engine(body),
        call(null),
        CallContext.http().principal(alice).session(chosen).notifications(warning).build());

    assertEquals(
        List.of("info", "error"),
        byDefault.of("notifications/message").stream().map(n -> n.path("data").asText()).toList());
    assertEquals("work", byDefault.of("notifications/message").get(0).path("logger").asText());
    assertEquals(
        List.of("error"),
        warning.of("notifications/message").stream().map(n -> n.path("level").asText()).toList());
  }

  private static String modern(String logLevel) {
    return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"work\","
        + "\"arguments\":{},\"_meta\":{\""
        + ProtocolVersions.META_PROTOCOL_VERSION
        + "\":\""
        + V
        + "\",\""
        + ProtocolVersions.META_CLIENT_CAPABILITIES
        + "\":{}"
        + (logLevel == null
            ? ""
            : ",\"" + ProtocolVersions.META_LOG_LEVEL + "\":\"" + logLevel + "\"")
        + "}}}";
  }

  private static CallContext modernContext(Recorder r) {
    return CallContext.http()
        .principal(TestPrincipals.alice())
        .protocolVersionHeader(V)
        .methodHeader("tools/call")
        .nameHeader("work")
        .notifications(r)
        .build();
  }

  @Test
  void modernLogs_onlyWhenTheRequestAsks_atItsLevel_andABadLevelIsRejected() {
    ToolHandler body =
        (a, c) -> {
          c.log(LogLevel.INFO, "info");
          c.log(LogLevel.WARNING, "warning");
          return ToolResult.text("ok");
        };
    Recorder none = new Recorder();
    Recorder warn = new Recorder();

    send(engine(body), modern(null), modernContext(none));
    send(engine(body), modern("warning"), modernContext(warn));
    EngineResponse bad = send(engine(body), modern("loud"), modernContext(new Recorder()));

    assertTrue(none.sent.isEmpty(), "2026-07-28: no level, no messages");
    assertEquals(1, warn.of("notifications/message").size());
    assertEquals(Outcome.REJECTED, bad.outcome());
    assertEquals(-32602, body(bad).path("error").path("code").asInt());
  }

  @Test
  void setLevel_answersEmpty_andTellsTheAdapterTheLevel_anUnknownOneIsInvalidParams() {
    McpEngine e = engine((a, c) -> ToolResult.text("ok"));
    String set =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"%s\"}}";

    EngineResponse ok =
        send(e, String.format(set, "debug"), legacy(TestPrincipals.alice(), "2025-06-18"));
    EngineResponse bad =
        send(e, String.format(set, "DEBUG"), legacy(TestPrincipals.alice(), "2025-06-18"));

    assertEquals("{}", body(ok).path("result").toString());
    assertEquals(LogLevel.DEBUG, ok.newLogLevel().orElseThrow());
    assertEquals(-32602, body(bad).path("error").path("code").asInt());
    assertTrue(bad.newLogLevel().isEmpty());
  }

  @Test
  void initialize_announcesTheLoggingCapability() {
    EngineResponse r =
        send(
            engine((a, c) -> ToolResult.text("ok")),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
            CallContext.http().build());
    assertTrue(body(r).path("result").path("capabilities").has("logging"));
  }

  @Test
  void theCallersToken_isRedacted_andLongTextIsCut() {
    Recorder r = new Recorder();
    String token = TestPrincipals.ALICE_TOKEN;
    McpEngine e =
        engine(
            (a, c) -> {
              c.log(LogLevel.INFO, "oops " + token + " leaked");
              c.progress(1, 2.0, "also " + token);
              c.log(LogLevel.INFO, "x".repeat(10_000));
              return ToolResult.text("ok");
            });

    send(e, call("{\"progressToken\":1}"), legacyWith(r, TestPrincipals.alice()));

    for (JsonNode n : r.sent) {
      assertFalse(n.toString().contains(token), "the token reached the client");
    }
    List<JsonNode> logs = r.of("notifications/message");
    assertEquals("oops [redacted] leaked", logs.get(0).path("data").asText());
    assertEquals(4096, logs.get(1).path("data").asText().length());
    assertTrue(logs.get(1).path("data").asText().endsWith("[truncated]"));
  }

  @Test
  void logRate_isBounded_andTheDropIsSaidOnce() {
    Recorder r = new Recorder();
    McpEngine e =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .nanoTime(() -> 0L) // time stands still: no refill
            .addTool(
                CountingTool.simple(
                    "work",
                    (a, c) -> {
                      for (int i = 0; i < 80; i++) {
                        c.log(LogLevel.INFO, "line " + i);
                      }
                      return ToolResult.text("ok");
                    }))
            .build();

    send(e, call(null), legacyWith(r, TestPrincipals.alice()));

    List<JsonNode> logs = r.of("notifications/message");
    assertEquals(51, logs.size());
    assertEquals("warning", logs.get(50).path("level").asText());
    assertTrue(logs.get(50).path("data").asText().startsWith("30 log message(s)"));
  }

  @Test
  void reportsAfterTheCallEnded_areDropped() {
    Recorder r = new Recorder();
    AtomicReference<ToolContext> kept = new AtomicReference<>();
    McpEngine e =
        engine(
            (a, c) -> {
              kept.set(c);
              return ToolResult.text("ok");
            });
    send(e, call("{\"progressToken\":1}"), legacyWith(r, TestPrincipals.alice()));

    kept.get().log(LogLevel.ERROR, "late");
    kept.get().progress(5, 10.0, "late");

    assertTrue(r.sent.isEmpty(), r.sent.toString());
  }

  @Test
  void transportCancellation_reachesTheTool_andNothingIsAnswered() {
    Cancellation cancel = new Cancellation();
    AtomicBoolean heard = new AtomicBoolean();
    McpEngine e =
        engine(
            (a, c) -> {
              try (ToolContext.Registration reg = c.onCancel(() -> heard.set(true))) {
                cancel.cancel(); // the client went away while the tool ran
              }
              return ToolResult.text("too late");
            });
    Principal alice = TestPrincipals.alice();

    EngineResponse r =
        send(
            e,
            call(null),
            CallContext.http()
                .principal(alice)
                .session(legacy(alice, "2025-06-18").session().orElseThrow())
                .cancellation(cancel)
                .build());

    assertTrue(heard.get());
    assertEquals(Outcome.NO_ANSWER, r.outcome());
    assertFalse(r.hasBody());
  }
}
