package com.quiltdata.mcp.jwt.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON reader for token headers and payloads: duplicate keys rejected (the signer and this
 * verifier must see the same claim), trailing content rejected, nesting and number sizes bounded.
 * The bytes must be well-formed UTF-8 (no overlong forms, no encoded surrogates) without a
 * byte-order mark: RFC 8259 forbids emitting one, and a strict verifier reads the signed bytes as
 * they are instead of normalising them.
 */
public final class StrictJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(16)
                          .maxNumberLength(64)
                          .maxStringLength(1 << 20)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /** The shared strict mapper (thread-safe), for code in this module that reads token JSON. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses a JSON object.
   *
   * @param what names the part being read in the error message ("header", "payload")
   * @throws JwtVerificationException {@code MALFORMED} when the bytes are not one JSON object
   */
  public static JsonNode readObject(byte[] json, String what) {
    String text = utf8(json);
    if (text == null) {
      throw new JwtVerificationException(
          Reason.MALFORMED, "the token " + what + " is not well-formed UTF-8");
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw new JwtVerificationException(
          Reason.MALFORMED, "the token " + what + " starts with a byte-order mark");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (IOException | RuntimeException e) {
      throw new JwtVerificationException(
          Reason.MALFORMED,
          "the token " + what + " is not valid JSON (or repeats a key, or nests too deeply)");
    }
    if (node == null || !node.isObject()) {
      throw new JwtVerificationException(
          Reason.MALFORMED, "the token " + what + " must be a JSON object");
    }
    return node;
  }

  /**
   * The text of well-formed UTF-8 bytes, or {@code null} when they are not (overlong forms, encoded
   * surrogates, truncated or stray bytes): never a replacement character.
   */
  public static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
