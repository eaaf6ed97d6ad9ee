package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 5: {@code initialize} is rate-limited per peer address (MCP_INITIALIZE_RATE), with
 * a burst of five seconds' worth, on the server's clock.
 */
class InitializeRateTest {
  private ServerHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void initializeFasterThanTheRate_is429WithRetryAfter_andRefillsOnTheClock() {
    h =
        new ServerHarness(
            c -> c.traffic(new TrafficLimits(Duration.ofSeconds(10), 64L << 20, 512, 1)),
            List.of());
    String token = h.token("mallory");
    for (int i = 0; i < InitializeRate.BURST_SECONDS; i++) {
      HttpResponse<String> ok = h.initialize(token, "2025-06-18");
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(ok.headers().firstValue("Mcp-Session-Id").isPresent());
    }

    HttpResponse<String> refused = h.initialize(token, "2025-06-18");
    HttpResponse<String> anonymous = h.initialize(null, "2025-06-18");

    for (HttpResponse<String> r : List.of(refused, anonymous)) {
      assertEquals(429, r.statusCode(), r.body());
      assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
      assertTrue(r.headers().firstValue("Mcp-Session-Id").isEmpty(), "no session is made");
      assertEquals(
          "too_many_sessions",
          ServerHarness.json(r).path("error").path("data").path("reason").asText());
    }
    h.clock.advance(Duration.ofSeconds(1));
    assertEquals(200, h.initialize(token, "2025-06-18").statusCode());
  }
}
