package com.quiltdata.mcp.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static LineReader reader(String text, int max) {
    return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
  }

  private static String text(LineReader.Line line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void next_splitsOnNewlines_dropsCarriageReturn_keepsLastLineWithoutNewline() throws IOException {
    LineReader r = reader("a\r\nbb\n\nccc", 100);
    assertEquals("a", text(r.next()));
    assertEquals("bb", text(r.next()));
    assertEquals("", text(r.next()));
    assertEquals("ccc", text(r.next()));
    assertNull(r.next());
  }

  @Test
  void next_lineLongerThanBuffer_isAssembled() throws IOException {
    String longLine = "x".repeat(20_000);
    LineReader r = reader(longLine + "\nshort\n", 50_000);
    assertEquals(longLine, text(r.next()));
    assertEquals("short", text(r.next()));
    assertNull(r.next());
  }

  @Test
  void next_oversizedLine_isFlaggedAndFollowingLinesSurvive() throws IOException {
    LineReader r = reader("y".repeat(30_000) + "\nok\n", 1024);
    LineReader.Line big = r.next();
    assertTrue(big.oversized());
    assertEquals(0, big.bytes().length);
    LineReader.Line ok = r.next();
    assertFalse(ok.oversized());
    assertEquals("ok", text(ok));
  }

  @Test
  void next_exactlyMaxBytes_isAccepted() throws IOException {
    LineReader r = reader("z".repeat(1024) + "\r\n", 1024);
    assertFalse(r.next().oversized());
  }

  @Test
  void next_emptyInput_isEnd() throws IOException {
    assertNull(reader("", 10).next());
  }
}
