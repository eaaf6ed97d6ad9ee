package com.quiltdata.mcp.tools.engine;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.util.List;
import java.util.Map;

/**
 * How many tool calls may run at once: in all, and per session (legacy), per token (2026-07-28) or
 * per stdio connection. A call over either bound is not run; it gets a {@code BUSY} tool error,
 * retryable.
 *
 * @param maxConcurrentCalls calls running at once in this engine ({@code MCP_MAX_CONCURRENT_CALLS},
 *     1 .. 10000)
 * @param maxCallsPerSession calls running at once for one session, token or connection ({@code
 *     MCP_MAX_CALLS_PER_SESSION}, 1 .. 1000, at most {@code maxConcurrentCalls})
 */
public record CallLimits(int maxConcurrentCalls, int maxCallsPerSession) {
  /** {@code MCP_MAX_CONCURRENT_CALLS}. */
  public static final EnvironmentVariable MAX_CONCURRENT_CALLS =
      EnvironmentVariable.integer("MCP_MAX_CONCURRENT_CALLS", 1, 10_000, 64);

  /** {@code MCP_MAX_CALLS_PER_SESSION}. */
  public static final EnvironmentVariable MAX_CALLS_PER_SESSION =
      EnvironmentVariable.integer("MCP_MAX_CALLS_PER_SESSION", 1, 1000, 8);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(MAX_CONCURRENT_CALLS, MAX_CALLS_PER_SESSION);

  /** 64 calls in all, 8 per session. */
  public static final CallLimits DEFAULTS = new CallLimits(64, 8);

  /** Validates both bounds and names the bad one. */
  public CallLimits {
    MAX_CONCURRENT_CALLS.checkRange(maxConcurrentCalls, "maxConcurrentCalls");
    MAX_CALLS_PER_SESSION.checkRange(maxCallsPerSession, "maxCallsPerSession");
    if (maxCallsPerSession > maxConcurrentCalls) {
      throw new IllegalArgumentException(
          "maxCallsPerSession must not exceed maxConcurrentCalls (" + maxConcurrentCalls + ")");
    }
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  public static CallLimits fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    int all = (int) reader.integer(MAX_CONCURRENT_CALLS);
    int each = (int) reader.integer(MAX_CALLS_PER_SESSION);
    if (each > all) {
      throw new IllegalArgumentException(
          MAX_CALLS_PER_SESSION.name() + " must not exceed " + MAX_CONCURRENT_CALLS.name());
    }
    return new CallLimits(all, each);
  }
}
