package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.engine.ProtocolVersions;
import com.quiltdata.mcp.tools.engine.ResultLimits;
import java.io.IOException;

/**
 * Serialises a tool result once, within {@link ResultLimits#maxResultBytes()}, and sends large
 * structured content once: to a client that reads {@code structuredContent} (2025-06-18 and later)
 * the text block becomes a short summary; to an older one the text block carries the JSON and
 * {@code structuredContent} is left out. Small results (at most {@link #MIRROR_MAX_BYTES} of JSON)
 * carry both, as the protocol suggests. A result over the bound becomes a {@code RESULT_TOO_LARGE}
 * tool error; its bytes never exist beyond the bound.
 */
final class ResultWriter {
  /** Largest structured JSON still repeated in the text block. */
  static final int MIRROR_MAX_BYTES = 16 * 1024;

  private final int maxResultBytes;
  private final AnswerMemory memory;

  ResultWriter(ResultLimits limits, AnswerMemory memory) {
    this.maxResultBytes = limits.maxResultBytes();
    this.memory = memory;
  }

  /**
   * The result's JSON, or a small {@code RESULT_TOO_LARGE} error's when it passes the bound, or a
   * small {@code BUSY} error's when the answer memory is held by other answers.
   */
  String write(ToolResult result, String protocolVersion) {
    try {
      return write(result, protocolVersion, maxResultBytes, memory.current());
    } catch (JsonCodec.NoRoom e) {
      return small(
          new ToolFailure(
                  CommonReason.BUSY,
                  "The server is writing too many large answers at once"
                      + " (MCP_ANSWER_MEMORY_BYTES); retry in a moment")
              .toResult(),
          protocolVersion);
    } catch (JsonCodec.TooLarge e) {
      ToolResult refusal =
          new ToolFailure(
                  CommonReason.RESULT_TOO_LARGE,
                  "The result of this call is larger than this server sends ("
                      + maxResultBytes
                      + " bytes of JSON, MCP_MAX_RESULT_BYTES); ask for less: a smaller byte"
                      + " count, a narrower prefix or path, a lower limit, or the next page")
              .toResult();
      return small(refusal, protocolVersion);
    }
  }

  /** A short failure's JSON, outside the answer memory (it is a few hundred bytes). */
  private String small(ToolResult failure, String protocolVersion) {
    try {
      return write(failure, protocolVersion, maxResultBytes, null);
    } catch (JsonCodec.TooLarge | JsonCodec.NoRoom impossible) {
      throw new IllegalStateException("a short failure cannot pass the result bound");
    }
  }

  private static String write(
      ToolResult result, String protocolVersion, int max, AnswerMemory.Lease lease)
      throws JsonCodec.TooLarge, JsonCodec.NoRoom {
    boolean structuredOutput = ProtocolVersions.hasStructuredOutput(protocolVersion);
    // a 2026-07-28 result says it is complete (ModernMethods adds it to other results)
    boolean modern = ProtocolVersions.isModern(protocolVersion);
    // the structured JSON is produced once (within the bound) and written raw from then on
    String json =
        result.hasStructuredContent()
            ? JsonCodec.writeBounded(max, lease, result::writeStructured)
            : null;
    boolean mirror = result.mirrorsStructured();
    boolean large = mirror && json.length() > MIRROR_MAX_BYTES;
    return JsonCodec.writeBounded(
        max,
        lease,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("content");
          if (mirror && large && structuredOutput) {
            text(
                g,
                "The result is in structuredContent (more than "
                    + MIRROR_MAX_BYTES / 1024
                    + " KiB of JSON, sent once).");
          } else if (mirror) {
            text(g, json);
          } else {
            for (ObjectNode block : result.content()) {
              g.writeTree(block);
            }
          }
          g.writeEndArray();
          if (json != null && !(large && !structuredOutput)) {
            g.writeFieldName("structuredContent");
            g.writeRawValue(json);
          }
          g.writeBooleanField("isError", result.isError());
          if (modern) {
            g.writeStringField("resultType", "complete");
          }
          g.writeEndObject();
        });
  }

  private static void text(JsonGenerator g, String text) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "text");
    g.writeStringField("text", text);
    g.writeEndObject();
  }
}
