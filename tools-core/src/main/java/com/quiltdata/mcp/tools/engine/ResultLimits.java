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
 * replaced by a JSON-RPC error. Memory held by answers at once is about {@code
 * MCP_MAX_CONCURRENT_CALLS x maxResultBytes x 2} in the worst case: size the heap for it
 * (docs/configuration.md).
 *
 * @param maxResultBytes one tool result ({@code MCP_MAX_RESULT_BYTES}, 64 KiB .. 64 MiB)
 * @param maxResponseBytes one response ({@code MCP_MAX_RESPONSE_BYTES}, 64 KiB .. 256 MiB, at least
 *     {@code maxResultBytes})
 */
public record ResultLimits(int maxResultBytes, int maxResponseBytes) {
  /** {@code MCP_MAX_RESULT_BYTES}: 4 MiB by default. */
  public static final EnvironmentVariable MAX_RESULT_BYTES =
      EnvironmentVariable.integer("MCP_MAX_RESULT_BYTES", 64 * 1024, 64 << 20, 4 << 20);

  /** {@code MCP_MAX_RESPONSE_BYTES}: 8 MiB by default. */
  public static final EnvironmentVariable MAX_RESPONSE_BYTES =
      EnvironmentVariable.integer("MCP_MAX_RESPONSE_BYTES", 64 * 1024, 256 << 20, 8 << 20);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(MAX_RESULT_BYTES, MAX_RESPONSE_BYTES);

  /** 4 MiB per result, 8 MiB per response. */
  public static final ResultLimits DEFAULTS = new ResultLimits(4 << 20, 8 << 20);

  /** Validates both bounds and names the bad one. */
  public ResultLimits {
    MAX_RESULT_BYTES.checkRange(maxResultBytes, "maxResultBytes");
    MAX_RESPONSE_BYTES.checkRange(maxResponseBytes, "maxResponseBytes");
    if (maxResponseBytes < maxResultBytes) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be at least maxResultBytes (" + maxResultBytes + ")");
    }
  }

  /**
   * The most memory answers can hold at once in the worst case: every admitted call with a maximal
   * result, as JSON and as the text sent (twice the bound each).
   */
  public long worstCaseBytes(CallLimits calls) {
    return (long) calls.maxConcurrentCalls() * maxResultBytes * 2;
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
    return new ResultLimits(result, response);
  }
}
