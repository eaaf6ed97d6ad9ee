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

/**
 * The one JSON reader for token headers and payloads: duplicate keys rejected (the signer and this
 * verifier must see the same claim), trailing content rejected, nesting and number sizes bounded.
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
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
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
}
