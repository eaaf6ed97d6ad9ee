package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AccessLogTest {
  @Test
  void tenths_printsLikePercentPointOneF() {
    double[] samples = {0, 0.04, 0.05, 0.96, 1.0, 2.345, 9.95, 12.34, 999.99, 123456.7};
    for (double ms : samples) {
      assertEquals(String.format(Locale.ROOT, "%.1f", ms), AccessLog.tenths(ms), "ms=" + ms);
    }
  }

  @Test
  void tenths_nonsenseDurations_printADash() {
    assertEquals("-", AccessLog.tenths(Double.NaN));
    assertEquals("-", AccessLog.tenths(-1));
    assertEquals("-", AccessLog.tenths(Double.POSITIVE_INFINITY));
  }

  @Test
  void safePath_unknownPathsAreNotEchoed() {
    assertEquals("/mcp", AccessLog.safePath("/mcp"));
    assertEquals("(other)", AccessLog.safePath("/mcp?t=secret"));
    assertEquals("(other)", AccessLog.safePath(null));
  }
}
