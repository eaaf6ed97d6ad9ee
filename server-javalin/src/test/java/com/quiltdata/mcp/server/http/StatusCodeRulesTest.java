package com.quiltdata.mcp.server.http;

import static com.quiltdata.mcp.server.http.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every status-code rule of the adapter, in the order the checks run. */
class StatusCodeRulesTest {
  private static ServerHarness h;

  @BeforeAll
  static void start() {
    h = new ServerHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String challenge(HttpResponse<String> r) {
    return r.headers().firstValue("WWW-Authenticate").orElse("");
  }

  private static String metadataUrl() {
    return "http://127.0.0.1:" + h.server.port() + "/.well-known/oauth-protected-resource/mcp";
  }

  private static void assertJsonRpcError(HttpResponse<String> r, int code) {
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = json(r);
    assertEquals("2.0", body.path("jsonrpc").asText());
    assertTrue(body.get("id").isNull());
    assertEquals(code, body.path("error").path("code").asInt());
    assertFalse(r.body().contains("Exception"), r.body());
  }

  @Test
  void foreignOrigin_isForbiddenBeforeAuthentication() {
    // an invalid token would be 401; the origin check comes first
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.TOOLS_LIST)
                .header("Origin", "https://evil.example")
                .header("Authorization", "Bearer not-a-token"));
    assertEquals(403, r.statusCode());
    assertJsonRpcError(r, -32000);
    assertEquals("forbidden_origin", json(r).path("error").path("data").path("reason").asText());
    assertTrue(challenge(r).isEmpty());
    assertFalse(r.body().contains("evil"));
  }

  @Test
  void foreignHost_onLoopbackBind_isForbidden() {
    HttpResponse<String> r =
        h.send(h.post("/mcp", Messages.PING).header("Host", "attacker.example:8000"));
    assertEquals(403, r.statusCode());
    assertEquals("forbidden_host", json(r).path("error").path("data").path("reason").asText());
  }

  @Test
  void oversizedHeader_is431BeforeAuthentication() {
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.PING)
                .header("Authorization", "Bearer not-a-token")
                .header("X-Padding", "a".repeat(33_000)));
    assertEquals(431, r.statusCode());
    assertJsonRpcError(r, -32000);
  }

  @Test
  void headerFarBeyondLimit_isRefusedByJettyWithJson() {
    HttpResponse<String> r =
        h.send(h.post("/mcp", Messages.PING).header("X-Padding", "a".repeat(60_000)));
    assertEquals(431, r.statusCode());
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("headers_too_large", json(r).path("error").asText());
    assertFalse(r.body().contains("aaaa"));
  }

  @Test
  void realisticTokenSizedHeader_isAccepted() {
    // a 12 KB header (real tokens are 4-8 KB) is well within the 32 KiB default
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.initialize("2025-06-18")).header("X-Big", "b".repeat(12_000)));
    assertEquals(200, r.statusCode());
  }

  @Test
  void largestAcceptedToken_withBrowserSizedHeaders_isAuthenticated_not431() {
    List<String> buckets = new ArrayList<>();
    String token = "";
    while (token.length() < VerifierConfig.DEFAULT_MAX_TOKEN_LENGTH - 200) {
      buckets.add(String.format("research-bucket-%04d", buckets.size()));
      token = h.minter.enhanced("alice").form(JwtMinter.ClaimForm.EXPLICIT).buckets(buckets).mint();
    }
    assertTrue(token.length() <= VerifierConfig.DEFAULT_MAX_TOKEN_LENGTH, "" + token.length());
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.initialize("2025-06-18"))
                .header("Authorization", "Bearer " + token)
                .header("Cookie", "c".repeat(4_000))
                .header("User-Agent", "Mozilla/5.0 " + "u".repeat(300))
                .header("Accept-Language", "en-US,en;q=0.9"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Mcp-Session-Id").isPresent());
  }

  /** Slow-body attack: a bad token is refused from the headers, before any body byte arrives. */
  @Test
  void badToken_isRefusedBeforeTheBodyIsWaitedFor() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", h.server.port())) {
      socket.setSoTimeout(5_000);
      String head =
          "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Accept: application/json, text/event-stream\r\n"
              + "Authorization: Bearer not-a-token\r\nContent-Length: 100000\r\n\r\n{";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
      String status = in.readLine();
      assertEquals("HTTP/1.1 401 Unauthorized", status);
      boolean closes = false;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        closes |= line.equalsIgnoreCase("Connection: close");
      }
      assertTrue(closes, "the unread body ends the connection");
    }
  }

  @Test
  void headMcp_is405LikeGet_notABodiless200() {
    HttpResponse<String> head =
        h.send(h.request("/mcp").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> get = h.send(h.request("/mcp").GET());
    assertEquals(405, get.statusCode());
    assertEquals(405, head.statusCode());
    assertEquals(get.headers().firstValue("Allow"), head.headers().firstValue("Allow"));
  }

  @Test
  void everyAnswer_carriesNoSniff() {
    List<HttpResponse<String>> answers =
        List.of(
            h.send(h.post("/mcp", Messages.initialize("2025-06-18"))),
            h.send(h.post("/mcp", Messages.TOOLS_LIST).header("Authorization", "Bearer bad")),
            h.send(h.request("/mcp").GET()),
            h.send(h.request("/nowhere").GET()),
            h.send(h.request("/health").GET()),
            h.send(h.request(ResourceUrls.METADATA_PATH).GET()));
    for (HttpResponse<String> r : answers) {
      assertEquals(
          "nosniff",
          r.headers().firstValue("X-Content-Type-Options").orElse(""),
          r.request().uri() + " " + r.statusCode());
    }
  }

  @Test
  void oversizedBody_is413BeforeParsing() {
    String big =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"" + "a".repeat(1 << 20) + "\"}";
    HttpResponse<String> r = h.send(h.post("/mcp", big));
    assertEquals(413, r.statusCode());
    assertJsonRpcError(r, -32600);
  }

  @Test
  void oversizedChunkedBody_is413_andTheServerStaysUsable() {
    byte[] big = new byte[(1 << 20) + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> r =
        h.send(
            h.request("/mcp")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big))));
    assertEquals(413, r.statusCode());
    assertEquals(200, h.send(h.request("/health").GET()).statusCode());
  }

  @Test
  void missingToken_is401WithResourceMetadataOnly() {
    HttpResponse<String> r = h.send(h.post("/mcp", Messages.TOOLS_LIST));
    assertEquals(401, r.statusCode());
    assertEquals("Bearer resource_metadata=\"" + metadataUrl() + "\"", challenge(r));
    assertJsonRpcError(r, -32001);
  }

  @Test
  void invalidToken_is401InvalidToken() {
    String forged = h.token("alice", "bucket-a");
    forged = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BA" : "AA");
    HttpResponse<String> r =
        h.send(h.post("/mcp", Messages.PING).header("Authorization", "Bearer " + forged));
    assertEquals(401, r.statusCode());
    assertTrue(challenge(r).contains("error=\"invalid_token\""), challenge(r));
    assertTrue(challenge(r).contains("resource_metadata=\"" + metadataUrl() + "\""));
    assertFalse(r.body().contains(forged));
  }

  @Test
  void expiredToken_is401InvalidToken() {
    String token = h.minter.enhanced("alice").ttl(Duration.ofMinutes(1)).mint();
    h.clock.advance(Duration.ofMinutes(5));
    HttpResponse<String> r =
        h.send(h.post("/mcp", Messages.PING).header("Authorization", "Bearer " + token));
    assertEquals(401, r.statusCode());
    assertTrue(challenge(r).contains("error=\"invalid_token\""));
    assertTrue(challenge(r).contains("expired"));
  }

  @Test
  void twoAuthorizationHeaders_is400() {
    String token = h.token("alice");
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.PING)
                .header("Authorization", "Bearer " + token)
                .header("Authorization", "Bearer " + token));
    assertEquals(400, r.statusCode());
    assertTrue(challenge(r).contains("error=\"invalid_request\""));
    assertJsonRpcError(r, -32600);
  }

  @Test
  void tokenInQueryString_is400EvenWithHeader() {
    String token = h.token("alice");
    HttpResponse<String> r =
        h.send(
            h.post("/mcp?access_token=" + token, Messages.PING)
                .header("Authorization", "Bearer " + token));
    assertEquals(400, r.statusCode());
    assertFalse(r.body().contains(token));
  }

  @Test
  void missingSession_is400() {
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.TOOLS_LIST)
                .header("Authorization", "Bearer " + h.token("alice")));
    assertEquals(400, r.statusCode());
    assertEquals("session_required", json(r).path("error").path("data").path("reason").asText());
  }

  @Test
  void unknownSession_is404() {
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.TOOLS_LIST)
                .header("Authorization", "Bearer " + h.token("alice"))
                .header("Mcp-Session-Id", "no-such-session-id-0123456789abcd"));
    assertEquals(404, r.statusCode());
    assertJsonRpcError(r, -32000);
  }

  @Test
  void otherUsersSession_is404LikeUnknown() {
    String session = h.session(h.token("alice", "bucket-a"));
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.TOOLS_LIST)
                .header("Authorization", "Bearer " + h.token("bob", "bucket-a"))
                .header("Mcp-Session-Id", session));
    assertEquals(404, r.statusCode());
    HttpResponse<String> unknown =
        h.send(
            h.post("/mcp", Messages.TOOLS_LIST)
                .header("Authorization", "Bearer " + h.token("bob", "bucket-a"))
                .header("Mcp-Session-Id", "x" + session.substring(1)));
    assertEquals(unknown.body(), r.body());
  }

  @Test
  void toolWithoutBucketGrant_is403InsufficientScope() {
    String token = h.token("alice", "bucket-a");
    String session = h.session(token);
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.call(5, ServerHarness.READ_TOOL, "{\"bucket\":\"bucket-b\"}"))
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18"));
    assertEquals(403, r.statusCode());
    assertTrue(challenge(r).startsWith("Bearer "));
    assertTrue(challenge(r).contains("error=\"insufficient_scope\""), challenge(r));
    assertEquals(-32003, json(r).path("error").path("code").asInt());
  }

  @Test
  void toolWithBucketGrant_runs() {
    String token = h.token("alice", "bucket-a");
    String session = h.session(token);
    HttpResponse<String> r =
        h.send(
            h.post("/mcp", Messages.call(5, ServerHarness.READ_TOOL, "{\"bucket\":\"bucket-a\"}"))
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18"));
    assertEquals(200, r.statusCode());
    assertFalse(json(r).path("result").path("isError").asBoolean());
  }

  @Test
  void get_is405WithAllow() {
    HttpResponse<String> r = h.send(h.request("/mcp").GET());
    assertEquals(405, r.statusCode());
    assertEquals(McpEndpoint.ALLOW, r.headers().firstValue("Allow").orElse(""));
    assertJsonRpcError(r, -32000);
  }

  @Test
  void delete_ownSession_is204ThenSessionIsGone() {
    String token = h.token("alice");
    String session = h.session(token);
    HttpResponse<String> r =
        h.send(
            h.request("/mcp")
                .DELETE()
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session));
    assertEquals(204, r.statusCode());
    HttpResponse<String> after =
        h.send(
            h.post("/mcp", Messages.TOOLS_LIST)
                .header("Authorization", "Bearer " + h.token("alice"))
                .header("Mcp-Session-Id", session));
    assertEquals(404, after.statusCode());
  }

  @Test
  void delete_unknownOrOtherUsersSession_is404() {
    String session = h.session(h.token("alice"));
    HttpResponse<String> other =
        h.send(
            h.request("/mcp")
                .DELETE()
                .header("Authorization", "Bearer " + h.token("bob"))
                .header("Mcp-Session-Id", session));
    assertEquals(404, other.statusCode());
    HttpResponse<String> unknown =
        h.send(
            h.request("/mcp")
                .DELETE()
                .header("Authorization", "Bearer " + h.token("bob"))
                .header("Mcp-Session-Id", "unknown-session"));
    assertEquals(404, unknown.statusCode());
    // alice's session survived bob's attempt
    HttpResponse<String> alice =
        h.send(
            h.post("/mcp", Messages.PING)
                .header("Authorization", "Bearer " + h.token("alice"))
                .header("Mcp-Session-Id", session));
    assertEquals(200, alice.statusCode());
  }

  @Test
  void delete_withoutSessionHeader_is400_andModernDelete_is405() {
    HttpResponse<String> none =
        h.send(h.request("/mcp").DELETE().header("Authorization", "Bearer " + h.token("alice")));
    assertEquals(400, none.statusCode());
    HttpResponse<String> modern =
        h.send(
            h.request("/mcp")
                .DELETE()
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Session-Id", "whatever"));
    assertEquals(405, modern.statusCode());
  }

  @Test
  void otherMethod_is405_unknownPath_is404_withJsonWithoutEcho() {
    HttpResponse<String> put =
        h.send(h.request("/mcp").PUT(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(405, put.statusCode());
    HttpResponse<String> missing = h.send(h.request("/secret-path-xyz").GET());
    assertEquals(404, missing.statusCode());
    assertEquals("not_found", json(missing).path("error").asText());
    assertFalse(missing.body().contains("secret-path-xyz"));
  }

  @Test
  void anonymousNonHandshake_is401_evenWithValidSession() {
    String session = h.session(null);
    HttpResponse<String> r =
        h.send(h.post("/mcp", Messages.TOOLS_LIST).header("Mcp-Session-Id", session));
    assertEquals(401, r.statusCode());
    HttpResponse<String> call =
        h.send(
            h.post("/mcp", Messages.call(9, "auth_status", "{}"))
                .header("Mcp-Session-Id", session));
    assertEquals(401, call.statusCode());
    assertEquals("Bearer resource_metadata=\"" + metadataUrl() + "\"", challenge(call));
  }

  @Test
  void anonymousGarbage_is401_authenticatedGarbage_isParseError() {
    assertEquals(401, h.send(h.post("/mcp", "{not json")).statusCode());
    HttpResponse<String> r =
        h.send(h.post("/mcp", "{not json").header("Authorization", "Bearer " + h.token("alice")));
    assertEquals(400, r.statusCode());
    assertEquals(-32700, json(r).path("error").path("code").asInt());
  }
}
