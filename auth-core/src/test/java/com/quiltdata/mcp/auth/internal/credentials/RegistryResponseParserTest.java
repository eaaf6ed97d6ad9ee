package com.quiltdata.mcp.auth.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryResponseParserTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void errorMessage_messageOrError_prefersMessage() {
    assertEquals(
        Optional.of("Token expired"),
        RegistryResponseParser.errorMessage(
            utf8("{\"message\":\"Token expired\",\"error\":\"x\"}"), "tok"));
    assertEquals(
        Optional.of("Forbidden"),
        RegistryResponseParser.errorMessage(utf8("{\"error\":\"Forbidden\"}"), "tok"));
  }

  @Test
  void errorMessage_notJsonOrNotString_isEmpty() {
    assertEquals(Optional.empty(), RegistryResponseParser.errorMessage(utf8("<html>"), "t"));
    assertEquals(
        Optional.empty(), RegistryResponseParser.errorMessage(utf8("{\"message\":3}"), "t"));
    assertEquals(Optional.empty(), RegistryResponseParser.errorMessage(utf8(""), "t"));
    assertEquals(
        Optional.empty(), RegistryResponseParser.errorMessage(utf8("{\"message\":\"  \"}"), "t"));
  }

  @Test
  void sanitize_controlAndNonAscii_areReplacedAndCollapsed() {
    assertEquals("a b ? c", RegistryResponseParser.sanitize("a\n\t b\u0000 \u00e9 c ", null));
  }

  @Test
  void sanitize_tokenLikeRuns_areRedacted() {
    assertEquals(
        "key [redacted] here",
        RegistryResponseParser.sanitize("key wJalrXUtnFEMIK7MDENGbPxRfiCY here", null));
    assertEquals("see [redacted]", RegistryResponseParser.sanitize("see short.tok", "short.tok"));
  }

  @Test
  void sanitize_longText_isCappedAt100() {
    String out = RegistryResponseParser.sanitize("word ".repeat(10_000), null);
    assertTrue(out.length() <= RegistryResponseParser.MAX_MESSAGE_CHARS, out);
    assertTrue(out.startsWith("word word"), out);
  }
}
