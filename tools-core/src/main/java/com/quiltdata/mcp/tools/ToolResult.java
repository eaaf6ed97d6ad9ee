package com.quiltdata.mcp.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a tool call: content blocks, optional structured content, and whether it is a
 * tool-level error. Every error is typed ({@link #failure(ToolFailure)}): its structured content
 * names the reason. Immutable (nodes are deep-copied).
 */
public final class ToolResult {
  /** Structured-content member naming the failure reason of an error result. */
  public static final String REASON = "reason";

  /** Structured-content member saying whether retrying an error result may help. */
  public static final String RETRYABLE = "retryable";

  /** Structured-content member with the readable message of an error result. */
  public static final String MESSAGE = "message";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<ObjectNode> content;
  private final ObjectNode structuredContent;
  private final boolean mirrored;
  private final boolean error;

  private ToolResult(List<ObjectNode> content, ObjectNode structuredContent, boolean error) {
    this(content, structuredContent, false, error);
  }

  private ToolResult(
      List<ObjectNode> content, ObjectNode structuredContent, boolean mirrored, boolean error) {
    List<ObjectNode> copy = new ArrayList<>(content.size());
    for (ObjectNode block : content) {
      copy.add(Objects.requireNonNull(block, "content block").deepCopy());
    }
    this.content = List.copyOf(copy);
    this.structuredContent = structuredContent == null ? null : structuredContent.deepCopy();
    this.mirrored = mirrored;
    this.error = error;
  }

  /**
   * A structured result: {@code structuredContent} is {@code value} and the single text block
   * carries the same JSON (for clients that predate structured output). Nothing is serialised here:
   * the engine writes the JSON once, within its size bound, and sends a large one only once (see
   * {@link #mirrorsStructured()}).
   */
  public static ToolResult structured(ObjectNode value) {
    Objects.requireNonNull(value, "value");
    return new ToolResult(List.of(), value, true, false);
  }

  /** A plain text result. */
  public static ToolResult text(String text) {
    return new ToolResult(List.of(Content.text(text)), null, false);
  }

  /** A result made of arbitrary content blocks (see {@link Content}). */
  public static ToolResult content(List<ObjectNode> blocks) {
    return new ToolResult(blocks, null, false);
  }

  /**
   * A tool-level error ({@code isError: true}) from a typed failure: one text block with {@link
   * ToolFailure#describe()} and structured content {@code {"reason", "retryable", "message", ...}}
   * with the failure's details merged in (they never replace the three).
   */
  public static ToolResult failure(ToolFailure failure) {
    Objects.requireNonNull(failure, "failure");
    ObjectNode structured = NODES.objectNode();
    ObjectNode details = failure.details();
    if (details != null) {
      structured.setAll(details);
    }
    structured.put(REASON, failure.reason().name());
    structured.put(RETRYABLE, failure.retryable());
    structured.put(MESSAGE, failure.getMessage());
    return new ToolResult(List.of(Content.text(failure.describe())), structured, true);
  }

  /** The content blocks (copies); a {@link #structured} result's one text block is its JSON. */
  public List<ObjectNode> content() {
    if (mirrored) {
      return List.of(Content.text(structuredContent.toString()));
    }
    List<ObjectNode> out = new ArrayList<>(content.size());
    for (ObjectNode block : content) {
      out.add(block.deepCopy());
    }
    return out;
  }

  /** The structured content (a copy), if any. */
  public Optional<ObjectNode> structuredContent() {
    return Optional.ofNullable(structuredContent == null ? null : structuredContent.deepCopy());
  }

  /** Whether the result carries structured content (without copying it). */
  public boolean hasStructuredContent() {
    return structuredContent != null;
  }

  /** The structured content as one line of JSON, if any (serialised on each call). */
  public Optional<String> structuredJson() {
    return Optional.ofNullable(structuredContent == null ? null : structuredContent.toString());
  }

  /**
   * Whether the only content block is the structured content's own JSON (a {@link #structured}
   * result), which the engine may replace by a short summary when the JSON is large and the client
   * reads structured content, so that it is sent once.
   */
  public boolean mirrorsStructured() {
    return mirrored;
  }

  /** Writes the structured content (nothing when absent) without copying it. */
  public void writeStructured(JsonGenerator generator) throws IOException {
    if (structuredContent != null) {
      generator.writeTree(structuredContent);
    }
  }

  /** Whether this is a tool-level error. */
  public boolean isError() {
    return error;
  }

  @Override
  public String toString() {
    return "ToolResult[blocks="
        + (mirrored ? 1 : content.size())
        + ", structured="
        + (structuredContent != null)
        + ", isError="
        + error
        + "]";
  }
}
