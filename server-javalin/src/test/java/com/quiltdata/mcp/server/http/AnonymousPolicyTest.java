package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MCP_ANONYMOUS_METHODS: down to none, and never more than the handshake. */
class AnonymousPolicyTest {
  @Test
  void none_refusesEvenAnonymousInitializeAndDelete() {
    try (ServerHarness h = new ServerHarness(b -> b.anonymousMethods(Set.of()), List.of())) {
      HttpResponse<String> init = h.initialize(null, "2024-11-05");
      assertEquals(401, init.statusCode());
      String session = h.session(h.token("alice"));
      HttpResponse<String> delete =
          h.send(h.request("/mcp").DELETE().header("Mcp-Session-Id", session));
      assertEquals(401, delete.statusCode());
      assertEquals(200, h.initialize(h.token("alice"), "2024-11-05").statusCode());
    }
  }

  @Test
  void default_letsAnonymousEndTheirOwnAnonymousSessionOnly() {
    try (ServerHarness h = new ServerHarness()) {
      String anonymous = h.session(null);
      assertEquals(
          204, h.send(h.request("/mcp").DELETE().header("Mcp-Session-Id", anonymous)).statusCode());
      String alices = h.session(h.token("alice"));
      assertEquals(
          404, h.send(h.request("/mcp").DELETE().header("Mcp-Session-Id", alices)).statusCode());
    }
  }

  @Test
  void discoverCanBeOpened_forDualEraProbes() {
    try (ServerHarness h =
        new ServerHarness(b -> b.anonymousMethods(Set.of("server/discover")), List.of())) {
      HttpResponse<String> r =
          h.send(
              h.post("/mcp", Messages.modern("server/discover", null))
                  .header("MCP-Protocol-Version", "2026-07-28")
                  .header("Mcp-Method", "server/discover"));
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(401, h.initialize(null, "2025-06-18").statusCode());
    }
  }
}
