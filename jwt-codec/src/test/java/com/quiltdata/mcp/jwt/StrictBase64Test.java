package com.quiltdata.mcp.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBase64Test {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  @Property
  void decode_ofStandardEncoding_givesTheBytesBack(@ForAll @Size(max = 64) byte[] bytes) {
    assertArrayEquals(bytes, StrictBase64.decode(Base64.getEncoder().encodeToString(bytes)));
  }

  @Property
  void decode_withPaddingRemoved_isRejected(@ForAll @Size(min = 1, max = 64) byte[] bytes) {
    String encoded = Base64.getEncoder().encodeToString(bytes);
    Assume.that(encoded.endsWith("="));
    assertNull(StrictBase64.decode(encoded.replace("=", "")));
  }

  @Property
  void decode_withNonZeroTrailingBits_isRejected(@ForAll @Size(min = 1, max = 64) byte[] bytes) {
    String encoded = Base64.getEncoder().encodeToString(bytes);
    Assume.that(encoded.endsWith("="));
    int lastData = encoded.indexOf('=') - 1;
    char c = encoded.charAt(lastData);
    // The lowest bit of the last data character is always unused when there is padding.
    char flipped = ALPHABET.charAt(ALPHABET.indexOf(c) ^ 1);
    String altered = encoded.substring(0, lastData) + flipped + encoded.substring(lastData + 1);
    // java.util.Base64 accepts the altered text and returns the same bytes; the strict one refuses.
    assertArrayEquals(bytes, Base64.getDecoder().decode(altered));
    assertNull(StrictBase64.decode(altered));
  }

  @Test
  void decode_emptyText_isEmpty() {
    assertArrayEquals(new byte[0], StrictBase64.decode(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "AB", "ABC", "AB=", "A===", "AB==AB==", "AB-_", "AB\r\n", "AB=A"})
  void decode_malformedText_isRejected(String text) {
    assertNull(StrictBase64.decode(text));
  }
}
