package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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

  /** Thrown by {@link #writeBounded} when the output would pass its bound. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;
    final int limit;

    TooLarge(int limit) {
      super("over " + limit + " bytes", null, false, false);
      this.limit = limit;
    }
  }

  /**
   * Thrown by {@link #writeBounded(int, AnswerMemory.Lease, Writing)} when answers being written at
   * once already hold the whole answer memory: retry later.
   */
  static final class NoRoom extends Exception {
    private static final long serialVersionUID = 1L;

    NoRoom() {
      super("answer memory exhausted", null, false, false);
    }
  }

  /** Writes JSON through a generator. */
  @FunctionalInterface
  interface Writing {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  /**
   * Runs {@code writing} and returns its JSON, counting UTF-8 bytes (escapes included) as they are
   * produced and stopping as soon as they pass {@code maxBytes}: an oversized text never exists
   * beyond the bound plus the generator's buffer.
   *
   * @throws TooLarge when the output passes {@code maxBytes}
   */
  static String writeBounded(int maxBytes, Writing writing) throws TooLarge {
    try {
      return writeBounded(maxBytes, null, writing);
    } catch (NoRoom impossible) {
      throw new IllegalStateException("no lease, no answer memory to run out of", impossible);
    }
  }

  /**
   * As {@link #writeBounded(int, Writing)}, drawing the buffer's growth from {@code lease} (none
   * when null).
   *
   * @throws NoRoom when the lease cannot draw what the buffer needs
   */
  static String writeBounded(int maxBytes, AnswerMemory.Lease lease, Writing writing)
      throws TooLarge, NoRoom {
    BoundedBuffer out = new BoundedBuffer(maxBytes, lease);
    try (JsonGenerator g = WRITER.getFactory().createGenerator(out)) {
      writing.writeTo(g);
    } catch (BoundedBuffer.Full e) {
      if (e.noRoom) {
        throw new NoRoom();
      }
      throw new TooLarge(maxBytes);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON answer could not be serialised", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A byte buffer that refuses to grow past its bound. */
  private static final class BoundedBuffer extends OutputStream {
    /** The bound was reached; nothing more is kept. */
    static final class Full extends IOException {
      private static final long serialVersionUID = 1L;
      final boolean noRoom;

      Full(boolean noRoom) {
        super(noRoom ? "answer memory exhausted" : "bound reached");
        this.noRoom = noRoom;
      }
    }

    private final int max;
    private final AnswerMemory.Lease lease;
    private final ByteArrayOutputStream bytes;
    private long drawn;

    BoundedBuffer(int max, AnswerMemory.Lease lease) {
      this.max = max;
      this.lease = lease;
      this.bytes = new ByteArrayOutputStream(Math.min(max, 8192));
    }

    @Override
    public void write(int b) throws IOException {
      grow(1);
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      grow(len);
      bytes.write(b, off, len);
    }

    /**
     * Refuses growth past the bound, and draws it from the lease: the buffer and the string made of
     * it, twice its size.
     */
    private void grow(int len) throws Full {
      long size = (long) bytes.size() + len;
      if (size > max) {
        throw new Full(false);
      }
      if (lease != null && size * 2 > drawn) {
        long want = Math.max(size * 2, drawn + AnswerMemory.STEP);
        if (!lease.draw(want - drawn)) {
          throw new Full(true);
        }
        drawn = want;
      }
    }

    String toString(java.nio.charset.Charset charset) {
      return bytes.toString(charset);
    }
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
