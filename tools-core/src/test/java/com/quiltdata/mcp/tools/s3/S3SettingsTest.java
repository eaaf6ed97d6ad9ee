package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
  private static String refusal(Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> S3Settings.fromEnvironment(env))
        .getMessage();
  }

  @Test
  void emptyEnvironment_defaultLimits() {
    S3Settings s = S3Settings.fromEnvironment(Map.of());
    assertEquals(1024 * 1024, s.maxReadBytes());
    assertEquals(100, s.maxPutItems());
    assertEquals(8L * 1024 * 1024, s.maxPutBytes());
    assertEquals(Duration.ofDays(7), s.maxLinkLifetime());
    assertEquals(S3Settings.defaults(), s);
  }

  @Test
  void variables_areTheFourLimits() {
    assertEquals(
        java.util.List.of(
            "MCP_S3_MAX_READ_BYTES",
            "MCP_S3_MAX_PUT_ITEMS",
            "MCP_S3_MAX_PUT_BYTES",
            "MCP_S3_MAX_LINK_SECONDS"),
        S3Settings.VARIABLES.stream().map(v -> v.name()).toList());
  }

  @Test
  void limits_parsedAndRangeChecked() {
    S3Settings s =
        S3Settings.fromEnvironment(
            Map.of(
                "MCP_S3_MAX_READ_BYTES", "4096",
                "MCP_S3_MAX_PUT_ITEMS", "5",
                "MCP_S3_MAX_PUT_BYTES", "65536",
                "MCP_S3_MAX_LINK_SECONDS", "900"));
    assertEquals(4096, s.maxReadBytes());
    assertEquals(5, s.maxPutItems());
    assertEquals(65536, s.maxPutBytes());
    assertEquals(Duration.ofMinutes(15), s.maxLinkLifetime());
    assertTrue(refusal(Map.of("MCP_S3_MAX_READ_BYTES", "12")).contains("between 1024 and"));
    assertTrue(refusal(Map.of("MCP_S3_MAX_PUT_ITEMS", "lots")).startsWith("MCP_S3_MAX_PUT_ITEMS"));
    assertTrue(refusal(Map.of("MCP_S3_MAX_PUT_BYTES", "0")).startsWith("MCP_S3_MAX_PUT_BYTES"));
    assertTrue(
        refusal(Map.of("MCP_S3_MAX_LINK_SECONDS", "604801")).contains("between 1 and 604800"));
  }

  @Test
  void outOfRangeRecord_namesTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> S3Settings.defaults().withMaxReadBytes(12));
    assertTrue(e.getMessage().startsWith("maxReadBytes must be between 1024"), e.getMessage());
  }
}
