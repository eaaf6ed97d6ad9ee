package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.errorCode;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRpcErrorChannelsTest {
  private final CountingAuthorizer authorizer = CountingAuthorizer.allowing();
  private final McpEngine engine = EngineHarness.builder(authorizer).build();
  private final CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");

  @Test
  void parse_notJson_isParseErrorWithNullId() {
    EngineResponse r = send(engine, "{\"jsonrpc\":\"2.0\",\"id\":1,", alice);
    assertEquals(Outcome.REJECTED, r.outcome());
    assertEquals(-32700, errorCode(r));
    assertTrue(body(r).get("id").isNull());
    assertEquals(InboundMessage.Kind.INVALID, engine.parse("{".getBytes()).kind());
  }

  @Test
  void parse_duplicateTopLevelKey_isParseError() {
    EngineResponse r =
        send(engine, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"id\":2}", alice);
    assertEquals(-32700, errorCode(r));
    assertTrue(body(r).path("error").path("message").asText().contains("repeats a key"));
  }

  @Test
  void parse_duplicateKeyInArguments_isParseErrorAndNothingRuns() {
    CountingTool tool = CountingTool.bucketTool("list_bucket");
    McpEngine e = EngineHarness.builder(authorizer).addTool(tool).build();
    EngineResponse r =
        send(
            e,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"list_bucket\",\"arguments\":{\"bucket\":\"quilt-demos\",\"bucket\":\"evil\"}}}",
            alice);
    assertEquals(-32700, errorCode(r));
    assertEquals(0, tool.calls());
    assertEquals(0, authorizer.checks());
  }

  @Test
  void parse_trailingContent_isParseError() {
    assertEquals(
        -32700,
        errorCode(send(engine, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}", alice)));
  }

  @Test
  void parse_emptyBody_isParseError() {
    assertEquals(-32700, errorCode(send(engine, "", alice)));
    assertEquals(-32700, errorCode(engine.handle((byte[]) null, alice)));
  }

  @Test
  void parse_invalidUtf8_isParseError() {
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertEquals(-32700, errorCode(engine.handle(bad, alice)));
  }

  @Test
  void parse_nestingBeyondLimit_isParseError() {
    String deep = "[".repeat(40) + "]".repeat(40);
    String json =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":" + deep + "}}";
    EngineResponse r = send(engine, json, alice);
    assertEquals(-32700, errorCode(r));
    assertTrue(body(r).path("error").path("message").asText().contains("limit"));
  }

  @Test
  void parse_stringBeyondLimit_isParseError() {
    McpEngine small =
        EngineHarness.builder(authorizer)
            .limits(new EngineLimits(64 * 1024, 16, 1024, 8, 10))
            .build();
    String json =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
            + "a".repeat(2000)
            + "\"}}";
    assertEquals(-32700, errorCode(send(small, json, alice)));
  }

  @Test
  void parse_bodyBeyondLimit_is413WithoutParsing() {
    McpEngine small =
        EngineHarness.builder(authorizer)
            .limits(EngineLimits.DEFAULTS.withMaxBodyBytes(2048))
            .build();
    byte[] big =
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "a".repeat(4000)
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    EngineResponse r = small.handle(big, alice);
    assertEquals(Outcome.TOO_LARGE, r.outcome());
    assertEquals(-32600, errorCode(r));
  }

  @Test
  void invalidRequest_variants_areMinus32600With400() {
    String[] bodies = {
      "42",
      "\"text\"",
      "{\"id\":1,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}",
      "{\"jsonrpc\":\"2.0\",\"id\":1}",
      "{\"jsonrpc\":\"2.0\",\"id\":\"" + "x".repeat(300) + "\",\"method\":\"ping\"}",
    };
    for (String b : bodies) {
      EngineResponse r = send(engine, b, alice);
      assertEquals(Outcome.REJECTED, r.outcome(), b);
      assertEquals(-32600, errorCode(r), b);
    }
  }

  @Test
  void invalidRequest_withValidId_echoesId() {
    EngineResponse r =
        send(engine, "{\"jsonrpc\":\"1.0\",\"id\":\"abc\",\"method\":\"ping\"}", alice);
    assertEquals("abc", body(r).get("id").asText());
  }

  @Test
  void unknownMethod_legacy_isMinus32601With200() {
    EngineResponse r =
        send(engine, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/list\"}", alice);
    assertEquals(Outcome.ANSWER, r.outcome());
    assertEquals(-32601, errorCode(r));
    assertEquals(7, body(r).get("id").asInt());
    assertFalse(body(r).toString().contains("resources/list"), "the method is not echoed");
  }

  @Test
  void notificationsAndResponses_are202WithoutBody() {
    String[] bodies = {
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}",
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":1,\"message\":\"x\"}}",
    };
    for (String b : bodies) {
      EngineResponse r = send(engine, b, alice);
      assertEquals(Outcome.NO_ANSWER, r.outcome(), b);
      assertFalse(r.hasBody(), b);
    }
  }

  @Test
  void ping_answersEmptyObject() {
    JsonNode b =
        body(send(engine, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}", alice));
    assertEquals("p", b.get("id").asText());
    assertTrue(b.get("result").isObject());
    assertEquals(0, b.get("result").size());
  }

  @Test
  void internalFailure_isMinus32603WithoutDetails() {
    Authorizer exploding =
        (p, t, a) -> {
          throw new IllegalStateException("secret-detail-xyz at com.example.Foo");
        };
    CountingTool tool = CountingTool.bucketTool("list_bucket");
    McpEngine e =
        McpEngine.builder().authorizer(exploding).addTool(tool).clock(EngineHarness.CLOCK).build();
    EngineResponse r =
        send(
            e,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"list_bucket\",\"arguments\":{\"bucket\":\"quilt-demos\"}}}",
            alice);
    assertEquals(-32603, errorCode(r));
    assertEquals(Outcome.FAILED, r.outcome());
    assertFalse(r.body().orElseThrow().contains("secret-detail-xyz"));
    assertFalse(r.body().orElseThrow().contains("com.example"));
    assertEquals(0, tool.calls());
  }

  @Test
  void handle_foreignMessage_isRejected() {
    McpEngine other = EngineHarness.builder(authorizer).build();
    InboundMessage m = other.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes());
    assertThrows(IllegalArgumentException.class, () -> engine.handle(m, alice));
  }

  @Test
  void denial_data_neverLeaksTokenOrStack() {
    CountingAuthorizer deny =
        CountingAuthorizer.denying(
            AuthorizationDecision.deny(
                AuthorizationDecision.Denial.UNKNOWN_TOOL,
                "tool not in table",
                java.util.List.of()));
    McpEngine e = EngineHarness.builder(deny).build();
    EngineResponse r =
        send(
            e,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"auth_status\"}}",
            alice);
    assertFalse(r.body().orElseThrow().contains(TestPrincipals.ALICE_TOKEN));
    assertFalse(r.body().orElseThrow().contains("Exception"));
  }
}
