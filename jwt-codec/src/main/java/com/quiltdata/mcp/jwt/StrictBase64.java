package com.quiltdata.mcp.jwt;

import java.util.Arrays;

/**
 * Decoding of standard base64 (RFC 4648 section 4, alphabet {@code A-Z a-z 0-9 + /}) that accepts
 * exactly one spelling for each byte sequence.
 *
 * <p>{@link java.util.Base64.Decoder} tolerates missing padding and ignores non-zero bits in the
 * last character, so several texts decode to the same bytes. Here the text must have a length that
 * is a multiple of four, carry {@code =} only as the final one or two characters, contain no
 * whitespace or URL-safe characters, and leave the unused low bits of its last data character at
 * zero.
 */
final class StrictBase64 {

  private static final int[] VALUE_OF = new int[128];

  static {
    Arrays.fill(VALUE_OF, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUE_OF[alphabet.charAt(i)] = i;
    }
  }

  private StrictBase64() {}

  /**
   * Decodes canonical standard base64.
   *
   * @param text the encoded text, not {@code null}
   * @return the decoded bytes, or {@code null} when the text is not canonical standard base64
   */
  static byte[] decode(String text) {
    int length = text.length();
    if (length % 4 != 0) {
      return null;
    }
    int padding = 0;
    if (length > 0 && text.charAt(length - 1) == '=') {
      padding = text.charAt(length - 2) == '=' ? 2 : 1;
    }
    byte[] out = new byte[length / 4 * 3 - padding];
    int position = 0;
    int buffer = 0;
    int bufferedBits = 0;
    for (int i = 0; i < length - padding; i++) {
      char c = text.charAt(i);
      int value = c < VALUE_OF.length ? VALUE_OF[c] : -1;
      if (value < 0) {
        return null;
      }
      buffer = (buffer << 6) | value;
      bufferedBits += 6;
      if (bufferedBits >= 8) {
        bufferedBits -= 8;
        out[position++] = (byte) (buffer >> bufferedBits);
        buffer &= (1 << bufferedBits) - 1;
      }
    }
    // Bits left over after the last whole byte must be zero, or another text means the same bytes.
    return buffer == 0 ? out : null;
  }
}
