package com.quiltdata.mcp.tools.engine;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.util.List;
import java.util.Map;

/**
 * How large an answer may grow, counted in serialised UTF-8 bytes (escapes included) while it is
 * written, so that an oversized answer never exists in memory beyond the bound.
 *
 * <p>A tool result over {@code maxResultBytes} is replaced by a {@code RESULT_TOO_LARGE} tool error
 * saying how to ask for less; a response (a whole batch included) over {@code maxResponseBytes} is
 * replaced by a JSON-RPC error. All answers being written at once draw from {@code
 * answerMemoryBytes}; one that cannot is a retryable {@code BUSY} (docs/configuration.md).
 *
 * @param maxResultBytes one tool result ({@code MCP_MAX_RESULT_BYTES}, 64 KiB .. 64 MiB)
 * @param maxResponseBytes one response ({@code MCP_MAX_RESPONSE_BYTES}, 64 KiB .. 256 MiB, at least
 *     {@code maxResultBytes})
 * @param answerMemoryBytes what all answers being written at once may hold ({@code
 *     MCP_ANSWER_MEMORY_BYTES}); 0 (the default) for a quarter of the heap. Never below {@link
 *     #minimumAnswerMemory()}, so one maximal answer always fits. An answer that would pass it is a
 *     retryable {@code BUSY}.
 */
public record ResultLimits(int maxResultBytes, int maxResponseBytes, long answerMemoryBytes) {
  /** {@code MCP_MAX_RESULT_BYTES}: 4 MiB by default. */
  public static final EnvironmentVariable MAX_RESULT_BYTES =
      EnvironmentVariable.integer("MCP_MAX_RESULT_BYTES", 64 * 1024, 64 << 20, 4 << 20);

  /** {@code MCP_MAX_RESPONSE_BYTES}: 8 MiB by default. */
  public static final EnvironmentVariable MAX_RESPONSE_BYTES =
      EnvironmentVariable.integer("MCP_MAX_RESPONSE_BYTES", 64 * 1024, 256 << 20, 8 << 20);

  /** {@code MCP_ANSWER_MEMORY_BYTES}: 0, a quarter of the heap. */
  public static final EnvironmentVariable ANSWER_MEMORY_BYTES =
      EnvironmentVariable.integer("MCP_ANSWER_MEMORY_BYTES", 0, 64L << 30, 0);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(MAX_RESULT_BYTES, MAX_RESPONSE_BYTES, ANSWER_MEMORY_BYTES);

  /** 4 MiB per result, 8 MiB per response, a quarter of the heap for answers at once. */
  public static final ResultLimits DEFAULTS = new ResultLimits(4 << 20, 8 << 20, 0);

  /** Limits with the default answer memory (a quarter of the heap). */
  public ResultLimits(int maxResultBytes, int maxResponseBytes) {
    this(maxResultBytes, maxResponseBytes, 0);
  }

  /** Validates the bounds and names the bad one. */
  public ResultLimits {
    ANSWER_MEMORY_BYTES.checkRange(answerMemoryBytes, "answerMemoryBytes");
    MAX_RESULT_BYTES.checkRange(maxResultBytes, "maxResultBytes");
    MAX_RESPONSE_BYTES.checkRange(maxResponseBytes, "maxResponseBytes");
    if (maxResponseBytes < maxResultBytes) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be at least maxResultBytes (" + maxResultBytes + ")");
    }
  }

  /**
   * The least answer memory: one maximal result and one maximal response, each as a buffer and as
   * the string made of it.
   */
  public long minimumAnswerMemory() {
    return 2L * maxResultBytes + 2L * maxResponseBytes;
  }

  /** The answer memory in effect on a heap of {@code maxHeapBytes}. */
  public long effectiveAnswerMemory(long maxHeapBytes) {
    long wanted = answerMemoryBytes > 0 ? answerMemoryBytes : maxHeapBytes / 4;
    return Math.max(wanted, minimumAnswerMemory());
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  public static ResultLimits fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    int result = (int) reader.integer(MAX_RESULT_BYTES);
    int response = (int) reader.integer(MAX_RESPONSE_BYTES);
    if (response < result) {
      throw new IllegalArgumentException(
          MAX_RESPONSE_BYTES.name() + " must be at least " + MAX_RESULT_BYTES.name());
    }
    return new ResultLimits(result, response, reader.integer(ANSWER_MEMORY_BYTES));
  }
}
