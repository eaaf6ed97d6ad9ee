package com.quiltdata.mcp.server.http;

import static com.quiltdata.mcp.server.http.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Quilt catalog frontend's flow, replayed: it initializes anonymously (it has no token yet) at
 * 2024-11-05 on {@code /mcp/?t=...}, then sends every later request with a freshly signed token
 * (new iat each time); plus the session-to-user binding rules and the stateless 2026-07-28 era.
 */
class FrontendFlowTest {
  private static ServerHarness h;

  @BeforeAll
  static void start() {
    h = new ServerHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private HttpRequest.Builder frontend(String body, String session, String token, int t) {
    HttpRequest.Builder r = h.post("/mcp/?t=" + t, body).header("Mcp-Session-Id", session);
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return r;
  }

  @Test
  void quiltFrontend_anonymousHandshakeThenFreshTokens_thenOtherUserIsRefused() {
    HttpResponse<String> init = h.send(h.post("/mcp/?t=123", Messages.initialize("2024-11-05")));
    assertEquals(200, init.statusCode());
    assertEquals("2024-11-05", json(init).path("result").path("protocolVersion").asText());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(com.quiltdata.mcp.auth.InMemorySessionStore.ID_LENGTH, session.length());

    HttpResponse<String> initialized = h.send(frontend(Messages.INITIALIZED, session, null, 124));
    assertEquals(202, initialized.statusCode());
    assertTrue(initialized.body().isEmpty());

    Set<String> tokens = new HashSet<>();
    String first = h.token("alice@example.com", "quilt-demo");
    tokens.add(first);
    HttpResponse<String> list = h.send(frontend(Messages.TOOLS_LIST, session, first, 125));
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("\"auth_status\""));

    for (int i = 0; i < 3; i++) {
      String fresh = h.token("alice@example.com", "quilt-demo");
      assertTrue(tokens.add(fresh), "each call carries a newly signed token");
      HttpResponse<String> call =
          h.send(frontend(Messages.call(10 + i, "auth_status", "{}"), session, fresh, 126 + i));
      assertEquals(200, call.statusCode(), call.body());
      JsonNode result = json(call).path("result");
      assertFalse(result.path("isError").asBoolean());
      assertEquals("alice@example.com", result.path("structuredContent").path("subject").asText());
      assertEquals(
          "2024-11-05", result.path("structuredContent").path("protocol_version").asText());
    }

    HttpResponse<String> mallory =
        h.send(
            frontend(
                Messages.call(20, "auth_status", "{}"),
                session,
                h.token("mallory@example.com", "quilt-demo"),
                130));
    assertEquals(404, mallory.statusCode());
    assertFalse(mallory.body().contains("alice"));
  }

  @Test
  void boundSession_isUnknownToAnonymousCallers_evenForHandshakeMethods() {
    String session = h.session(null);
    assertEquals(
        200, h.send(frontend(Messages.TOOLS_LIST, session, h.token("alice"), 1)).statusCode());
    HttpResponse<String> anonymousPing = h.send(frontend(Messages.PING, session, null, 2));
    assertEquals(404, anonymousPing.statusCode());
  }

  @Test
  void anonymousSession_bindsToFirstUser_notToALaterOne() {
    String session = h.session(null);
    assertEquals(
        200, h.send(frontend(Messages.TOOLS_LIST, session, h.token("bob"), 1)).statusCode());
    assertEquals(
        404, h.send(frontend(Messages.TOOLS_LIST, session, h.token("alice"), 2)).statusCode());
    assertEquals(
        200, h.send(frontend(Messages.TOOLS_LIST, session, h.token("bob"), 3)).statusCode());
  }

  @Test
  void authenticatedInitialize_createsSessionBoundToThatUser() {
    String session = h.session(h.token("alice"));
    assertEquals(404, h.send(frontend(Messages.PING, session, h.token("bob"), 1)).statusCode());
    assertEquals(404, h.send(frontend(Messages.PING, session, null, 2)).statusCode());
    assertEquals(200, h.send(frontend(Messages.PING, session, h.token("alice"), 3)).statusCode());
  }

  @Test
  void eachInitialize_mintsADistinctSession() {
    String a = h.session(null);
    String b = h.session(null);
    assertNotEquals(a, b);
  }

  @Test
  void modernRequest_isStateless_withoutSessionHeaderInOrOut() {
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.modern("tools/list", null))
                .header("Authorization", "Bearer " + h.token("alice"))
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/list"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Mcp-Session-Id").isEmpty());
    assertEquals("complete", json(r).path("result").path("resultType").asText());
  }

  @Test
  void modernToolCall_runsWithoutSession_andIgnoresAnySessionHeader() {
    String body =
        Messages.modern(
            "tools/call",
            "\"name\":\"" + ServerHarness.READ_TOOL + "\",\"arguments\":{\"bucket\":\"bucket-a\"}");
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", body)
                .header("Authorization", "Bearer " + h.token("alice", "bucket-a"))
                .header("Mcp-Session-Id", "not-a-session")
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", ServerHarness.READ_TOOL));
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(json(r).path("result").path("isError").asBoolean());
  }

  @Test
  void modernHeaderMismatch_is400Minus32020() {
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.modern("tools/list", null))
                .header("Authorization", "Bearer " + h.token("alice"))
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call"));
    assertEquals(400, r.statusCode());
    assertEquals(-32020, json(r).path("error").path("code").asInt());
  }

  @Test
  void modernDiscover_needsATokenByDefault() {
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.modern("server/discover", null))
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "server/discover"));
    assertEquals(401, r.statusCode());
  }
}
