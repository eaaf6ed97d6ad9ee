package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A POST's Authorization header is verified once: the verdict reached when the request arrived (to
 * answer a bad token before its body is read) is the one the routes use, for the same header values
 * only.
 */
class OneVerificationPerRequestTest {
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";

  @Test
  void authenticatedPosts_areVerifiedOncePerRequest() {
    try (ServerHarness h = new ServerHarness()) {
      String token = h.token("once@example.com");
      String session = h.session(token);
      int before = h.authentications.get();
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r =
            h.send(
                h.post("/mcp", LIST)
                    .header("Authorization", "Bearer " + token)
                    .header("Mcp-Session-Id", session)
                    .header("MCP-Protocol-Version", "2025-06-18"));
        assertEquals(200, r.statusCode(), r.body());
      }
      assertEquals(5, h.authentications.get() - before);
    }
  }

  @Test
  void aRefusedToken_isVerifiedOnce_andStillRefused() {
    try (ServerHarness h = new ServerHarness()) {
      int before = h.authentications.get();
      HttpResponse<String> r =
          h.send(
              h.post("/mcp", LIST)
                  .header("Authorization", "Bearer not.a.token")
                  .header("MCP-Protocol-Version", "2025-06-18"));
      assertEquals(401, r.statusCode(), r.body());
      assertEquals(1, h.authentications.get() - before);
    }
  }

  @Test
  void deleteWithoutBody_isVerifiedByTheRoutes() {
    try (ServerHarness h = new ServerHarness()) {
      String token = h.token("delete@example.com");
      String session = h.session(token);
      int before = h.authentications.get();
      HttpResponse<String> r =
          h.send(
              h.request("/mcp")
                  .header("Authorization", "Bearer " + token)
                  .header("Mcp-Session-Id", session)
                  .header("MCP-Protocol-Version", "2025-06-18")
                  .DELETE());
      assertEquals(204, r.statusCode(), r.body());
      assertEquals(1, h.authentications.get() - before);
    }
  }
}
