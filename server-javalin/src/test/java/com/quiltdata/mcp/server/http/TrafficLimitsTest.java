package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficLimitsTest {
  @Test
  void defaults_areReadFromAnEmptyEnvironment() {
    assertEquals(TrafficLimits.DEFAULTS, TrafficLimits.fromEnvironment(Map.of()));
  }

  @Test
  void environment_setsEveryField() {
    TrafficLimits t =
        TrafficLimits.fromEnvironment(
            Map.of(
                "MCP_BODY_TIMEOUT_SECONDS", "3",
                "MCP_BODY_BUFFER_BYTES", "2097152",
                "MCP_MAX_CONNECTIONS_PER_ADDRESS", "7",
                "MCP_INITIALIZE_RATE", "9"));
    assertEquals(new TrafficLimits(Duration.ofSeconds(3), 2_097_152, 7, 9), t);
  }

  @Test
  void eachBadField_isNamed_andABadVariableToo() {
    Duration ten = Duration.ofSeconds(10);
    assertMessage("bodyTimeout", () -> new TrafficLimits(Duration.ofMillis(500), 1L << 20, 1, 1));
    assertMessage("bodyBufferBytes", () -> new TrafficLimits(ten, 1000, 1, 1));
    assertMessage("maxConnectionsPerAddress", () -> new TrafficLimits(ten, 1L << 20, 0, 1));
    assertMessage("initializePerSecond", () -> new TrafficLimits(ten, 1L << 20, 1, 0));
    assertMessage(
        "MCP_INITIALIZE_RATE",
        () -> TrafficLimits.fromEnvironment(Map.of("MCP_INITIALIZE_RATE", "-1")));
  }

  private static void assertMessage(String field, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }
}
