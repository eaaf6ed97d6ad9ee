package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code MCP_CPU_SLOTS} and {@code MCP_CPU_SLOT_WAIT_MS}. */
class CpuSlotSettingsTest {
  @Test
  void autoIsTheProcessorCountOnPlatformThreadsAndOffOnVirtualOnes() {
    assertEquals(
        new CpuSlotSettings(4, Duration.ofMillis(500)),
        CpuSlotSettings.fromEnvironment(Map.of(), 4, false));
    assertEquals(2, CpuSlotSettings.fromEnvironment(Map.of(), 1, false).slots(), "at least 2");
    assertEquals(0, CpuSlotSettings.fromEnvironment(Map.of(), 4, true).slots());
    assertFalse(CpuSlotSettings.fromEnvironment(Map.of(), 4, true).create().enabled());
    assertEquals(
        2, CpuSlotSettings.fromEnvironment(Map.of("MCP_CPU_SLOTS", " AUTO "), 2, false).slots());
  }

  @Test
  void aNumberOrOffIsTakenAsSetOnEitherKindOfThread() {
    CpuSlotSettings three =
        CpuSlotSettings.fromEnvironment(
            Map.of("MCP_CPU_SLOTS", "3", "MCP_CPU_SLOT_WAIT_MS", "40"), 8, true);
    assertEquals(new CpuSlotSettings(3, Duration.ofMillis(40)), three);
    assertEquals("CpuSlots[3, maxWait=40ms]", three.create().toString());
    assertEquals(
        0, CpuSlotSettings.fromEnvironment(Map.of("MCP_CPU_SLOTS", "off"), 8, false).slots());
  }

  @Test
  void badValuesAreRefusedNamingTheVariableNotTheValue() {
    for (String bad : new String[] {"0", "-1", "1025", "two", "4.5"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> CpuSlotSettings.fromEnvironment(Map.of("MCP_CPU_SLOTS", bad), 2, false),
              bad);
      assertEquals(
          "MCP_CPU_SLOTS must be auto, off or an integer between 1 and 1024", e.getMessage());
    }
    IllegalArgumentException wait =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CpuSlotSettings.fromEnvironment(Map.of("MCP_CPU_SLOT_WAIT_MS", "10001"), 2, false));
    assertTrue(wait.getMessage().startsWith("MCP_CPU_SLOT_WAIT_MS"), wait.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new CpuSlotSettings(2, Duration.ofSeconds(11)));
  }
}
