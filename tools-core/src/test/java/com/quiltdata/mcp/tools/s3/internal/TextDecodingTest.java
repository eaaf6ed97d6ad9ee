package com.quiltdata.mcp.tools.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextDecodingTest {
  @Test
  void utf8_cutInsideACharacter_dropsThePartialCharacter() {
    byte[] all = "ab\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8); // 2 + 3 + 4 bytes
    for (int cut = 1; cut <= all.length; cut++) {
      byte[] prefix = Arrays.copyOf(all, cut);
      TextDecoding.Decoded d = TextDecoding.decode(prefix, StandardCharsets.UTF_8, true);
      assertFalse(d.invalidBytesReplaced(), "cut at " + cut);
      assertTrue("ab\u20ac\ud83d\ude00".startsWith(d.text()), "cut at " + cut);
    }
    assertEquals(
        "ab", TextDecoding.decode(Arrays.copyOf(all, 4), StandardCharsets.UTF_8, true).text());
  }

  @Test
  void utf16_cutInsideASurrogatePair_dropsIt() {
    byte[] all = "a\ud83d\ude00".getBytes(StandardCharsets.UTF_16BE); // 2 + 4 bytes
    TextDecoding.Decoded d =
        TextDecoding.decode(Arrays.copyOf(all, 4), StandardCharsets.UTF_16BE, true);
    assertEquals("a", d.text());
    assertFalse(d.invalidBytesReplaced());
    assertEquals(2, d.bytesDecoded());
  }

  @Test
  void invalidBytes_replacedAndFlagged() {
    byte[] bad = {'o', 'k', (byte) 0xff};
    TextDecoding.Decoded d = TextDecoding.decode(bad, StandardCharsets.UTF_8, false);
    assertEquals("ok\ufffd", d.text());
    assertTrue(d.invalidBytesReplaced());
    assertNull(TextDecoding.strictUtf8(bad));
  }
}
