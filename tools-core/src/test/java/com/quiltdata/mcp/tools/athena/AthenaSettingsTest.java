package com.quiltdata.mcp.tools.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AthenaSettingsTest {
  @Test
  void emptyEnvironment_isTheDefaults_readOnlyWithNoWorkgroup() {
    AthenaSettings s = AthenaSettings.fromEnvironment(Map.of());
    assertEquals(AthenaSettings.defaults(), s);
    assertNull(s.workgroup());
    assertFalse(s.allowWrites());
    assertEquals(1000, s.maxRows());
    assertEquals(Duration.ofSeconds(60), s.defaultTimeout());
  }

  @Test
  void everyVariable_isRead() {
    AthenaSettings s =
        AthenaSettings.fromEnvironment(
            Map.of(
                "MCP_ATHENA_WORKGROUP", "quilt-wg",
                "MCP_ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena/",
                "MCP_ATHENA_ALLOW_WRITES", "true",
                "MCP_ATHENA_MAX_ROWS", "5000",
                "MCP_ATHENA_MAX_RESPONSE_BYTES", "65536",
                "MCP_ATHENA_MAX_CELL_CHARS", "100",
                "MCP_ATHENA_MAX_QUERY_BYTES", "1000",
                "MCP_ATHENA_TIMEOUT_SECONDS", "30",
                "MCP_ATHENA_MAX_TIMEOUT_SECONDS", "120"));
    assertEquals("quilt-wg", s.workgroup());
    assertEquals("s3://results-bucket/athena/", s.outputLocation());
    assertTrue(s.allowWrites());
    assertEquals(5000, s.maxRows());
    assertEquals(65536, s.maxResponseBytes());
    assertEquals(100, s.maxCellChars());
    assertEquals(1000, s.maxQueryBytes());
    assertEquals(Duration.ofSeconds(30), s.defaultTimeout());
    assertEquals(Duration.ofSeconds(120), s.maxTimeout());
  }

  @Test
  void badValues_failNamingTheVariable_neverEchoingTheValue() {
    for (Map<String, String> env :
        new Map[] {
          Map.of("MCP_ATHENA_WORKGROUP", "bad name; DROP"),
          Map.of("MCP_ATHENA_OUTPUT_LOCATION", "https://not-s3/secretish"),
          Map.of("MCP_ATHENA_MAX_ROWS", "100000"),
          Map.of("MCP_ATHENA_TIMEOUT_SECONDS", "1000", "MCP_ATHENA_MAX_TIMEOUT_SECONDS", "100"),
          Map.of("MCP_ATHENA_ALLOW_WRITES", "yes please")
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AthenaSettings.fromEnvironment(env));
      String name =
          env.keySet().stream().filter(k -> e.getMessage().contains(k)).findFirst().orElse(null);
      assertTrue(name != null, e.getMessage());
      env.values()
          .forEach(v -> assertFalse(e.getMessage().contains(v) && v.length() > 4, e.getMessage()));
    }
  }

  @Test
  void constructor_namesTheBadField() {
    AthenaSettings d = AthenaSettings.defaults();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.withBounds(0, 65536, 100, 1000));
    assertTrue(e.getMessage().startsWith("maxRows"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                d.withPolling(
                    Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().startsWith("firstPoll"), e.getMessage());
  }
}
