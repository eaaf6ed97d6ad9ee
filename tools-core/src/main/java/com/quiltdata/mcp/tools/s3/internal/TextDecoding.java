package com.quiltdata.mcp.tools.s3.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes object bytes as text. A read cut at {@code max_bytes} may end inside a character: that
 * partial character is left out rather than shown as garbage. Invalid bytes become U+FFFD and are
 * flagged.
 */
final class TextDecoding {
  /** The encodings {@code bucket_object_text} accepts, by their argument names. */
  static final Map<String, Charset> ENCODINGS;

  static {
    Map<String, Charset> m = new LinkedHashMap<>();
    m.put("utf-8", StandardCharsets.UTF_8);
    m.put("utf-16", StandardCharsets.UTF_16);
    m.put("utf-16le", StandardCharsets.UTF_16LE);
    m.put("utf-16be", StandardCharsets.UTF_16BE);
    m.put("latin-1", StandardCharsets.ISO_8859_1);
    m.put("ascii", StandardCharsets.US_ASCII);
    ENCODINGS = java.util.Collections.unmodifiableMap(m);
  }

  private TextDecoding() {}

  /** The accepted encoding names, in order. */
  static List<String> names() {
    return List.copyOf(ENCODINGS.keySet());
  }

  /**
   * The decoded text.
   *
   * @param text the characters
   * @param invalidBytesReplaced whether some bytes were not valid in the encoding
   * @param bytesDecoded how many bytes the text covers (a cut character at the end is excluded)
   */
  record Decoded(String text, boolean invalidBytesReplaced, int bytesDecoded) {}

  static Decoded decode(byte[] bytes, Charset charset, boolean truncated) {
    byte[] whole = truncated ? dropPartialCharacter(bytes, charset) : bytes;
    String text = strict(whole, charset);
    return text != null
        ? new Decoded(text, false, whole.length)
        : new Decoded(new String(whole, charset), true, whole.length);
  }

  /** Strict UTF-8 text of the bytes, or {@code null} when they are not UTF-8. */
  static String strictUtf8(byte[] bytes) {
    return strict(bytes, StandardCharsets.UTF_8);
  }

  /** The text of the bytes in {@code charset}, or {@code null} when they are not valid in it. */
  private static String strict(byte[] bytes, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The bytes without a trailing incomplete character of the encoding. */
  static byte[] dropPartialCharacter(byte[] bytes, Charset charset) {
    int end = bytes.length;
    if (charset.equals(StandardCharsets.UTF_8)) {
      end = utf8CompleteLength(bytes);
    } else if (charset.equals(StandardCharsets.UTF_16)
        || charset.equals(StandardCharsets.UTF_16LE)
        || charset.equals(StandardCharsets.UTF_16BE)) {
      end = bytes.length & ~1;
      if (end >= 2) {
        boolean bigEndian = !charset.equals(StandardCharsets.UTF_16LE) && !littleEndianBom(bytes);
        int hi = bigEndian ? bytes[end - 2] & 0xff : bytes[end - 1] & 0xff;
        if (hi >= 0xd8 && hi <= 0xdb) {
          end -= 2; // a high surrogate whose partner was cut off
        }
      }
    }
    return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
  }

  private static boolean littleEndianBom(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe;
  }

  private static int utf8CompleteLength(byte[] bytes) {
    int n = bytes.length;
    // Look back at most 3 bytes for the lead byte of the last character.
    for (int back = 1; back <= Math.min(4, n); back++) {
      int b = bytes[n - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // continuation byte
      }
      int need = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : 4;
      return back < need ? n - back : n;
    }
    return n;
  }
}
