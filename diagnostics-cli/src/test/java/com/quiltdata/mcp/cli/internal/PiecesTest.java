package com.quiltdata.mcp.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The small parsers and formatters the commands share. */
class PiecesTest {
  @Test
  void durations_acceptedForms() {
    assertEquals(Duration.ofSeconds(900), Durations.parse("900"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
    assertEquals(Duration.ofMinutes(15), Durations.parse("15m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1H"));
    assertEquals(Duration.ofDays(2), Durations.parse("2d"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("PT1H30M"));
    assertNull(Durations.parse("soon"));
    assertNull(Durations.parse("1w"));
    assertNull(Durations.parse(""));
    assertNull(Durations.parse("9999999999s"));
  }

  @Test
  void timeText_relativeAndDurations() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    assertEquals("in 55 min", TimeText.relative(now.plusSeconds(3300), now));
    assertEquals("3 h 2 min ago", TimeText.relative(now.minusSeconds(3 * 3600 + 120), now));
    assertEquals("now", TimeText.relative(now, now));
    assertEquals("45 s", TimeText.duration(Duration.ofSeconds(45)));
    assertEquals("2 min 5 s", TimeText.duration(Duration.ofSeconds(125)));
    assertEquals("2 d 3 h", TimeText.duration(Duration.ofHours(51)));
    assertEquals("2026-11-23T11:00:00Z (in 1 h)", TimeText.at(now.plusSeconds(3600), now));
  }

  @Test
  void printable_escapesControlsAndBidiKeepsUnicodeLetters() {
    assertEquals("plain text", Output.printable("plain text"));
    assertEquals("Zürich ✓", Output.printable("Zürich ✓"));
    assertEquals("a\\u{1B}[31mb", Output.printable("a\u001b[31mb"));
    assertEquals("x\\u{202E}y\\u{A}", Output.printable("x\u202ey\n"));
    assertEquals("\\u{D800}", Output.printable("\ud800"));
  }

  @Test
  void tokenInput_normalisesHeaderForms() {
    assertEquals("abc.def.ghi", TokenInput.normalise("  abc.def.ghi\n"));
    assertEquals("abc.def.ghi", TokenInput.normalise("Bearer abc.def.ghi"));
    assertEquals("abc.def.ghi", TokenInput.normalise("bearer   abc.def.ghi"));
    assertEquals("abc.def.ghi", TokenInput.normalise("Authorization: Bearer abc.def.ghi\r\n"));
    assertEquals("Bearer", TokenInput.normalise("Bearer"));
  }

  @Test
  void safeErrors_keepOptionNames_hideValues() {
    assertEquals(
        "Unknown options: '--bogus', '<value not shown>'",
        SafeErrors.safe("Unknown options: '--bogus', 'eyJhbGciOiJIUzI1NiJ9.e30.sig'"));
    assertEquals(
        "Missing required option: '--subject=USER'",
        SafeErrors.safe("Missing required option: '--subject=USER'"));
    assertEquals(
        "Unknown option: '<value not shown>'",
        SafeErrors.safe("Unknown option: '--secret=hunter2hunter2hunter2hunter2'"));
    assertEquals("invalid command line", SafeErrors.safe(null));
    assertEquals("first line", SafeErrors.safe("first line\nUsage: ..."));
  }

  @Test
  void output_redactsRegisteredValuesEverywhere() {
    Output out =
        new Output(
            com.quiltdata.mcp.cli.CliContext.builder()
                .env(java.util.Map.of("MCP_JWT_SECRET", "env-secret-value-123"))
                .build(),
            false,
            false);
    out.sensitive("token-abcdefgh");
    out.sensitive("short");
    assertEquals(
        "a [redacted] b [redacted] short",
        out.clean("a env-secret-value-123 b token-abcdefgh short"));
  }
}
