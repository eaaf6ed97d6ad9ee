package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.quiltdata.mcp.tools.engine.EngineLimits;
import java.io.IOException;

/**
 * The engine's one JSON reader and writer: duplicate keys rejected, trailing content rejected,
 * nesting, string, name, number and document sizes bounded.
 */
final class JsonCodec {
  /** Why a body could not be read; each maps to a fixed message that echoes nothing. */
  enum Failure {
    SYNTAX("Parse error: the message is not valid JSON"),
    DUPLICATE_KEY("Parse error: a JSON object repeats a key; send each key once"),
    LIMIT("Parse error: the message exceeds the nesting depth, string length or size limit"),
    EMPTY("Parse error: the message is empty");

    final String message;

    Failure(String message) {
      this.message = message;
    }
  }

  /** Thrown by {@link #read(byte[])}. */
  static final class ReadException extends Exception {
    private static final long serialVersionUID = 1L;
    final Failure failure;

    ReadException(Failure failure) {
      super(failure.message, null, false, false);
      this.failure = failure;
    }
  }

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectMapper WRITER = JsonMapper.builder().build();

  private final ObjectMapper reader;

  JsonCodec(EngineLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(Math.min(limits.maxStringLength(), 1024))
            .maxNumberLength(64)
            .maxDocumentLength(limits.maxBodyBytes())
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(constraints)
            .build();
    this.reader =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** Parses one JSON value. */
  JsonNode read(byte[] body) throws ReadException {
    JsonNode node;
    try {
      node = reader.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new ReadException(Failure.LIMIT);
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      if (m != null && m.startsWith("Duplicate field")) {
        throw new ReadException(Failure.DUPLICATE_KEY);
      }
      throw new ReadException(Failure.SYNTAX);
    } catch (IOException | RuntimeException e) {
      throw new ReadException(Failure.SYNTAX);
    }
    if (node == null || node.isMissingNode()) {
      throw new ReadException(Failure.EMPTY);
    }
    return node;
  }

  /** Serialises a node as one line of JSON. */
  static String write(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be serialised", e);
    }
  }
}
