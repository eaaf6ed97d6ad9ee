package com.quiltdata.mcp.tools.engine;

/**
 * Bounds the engine applies to untrusted input and to listings.
 *
 * @param maxBodyBytes largest transport message accepted (1 KiB .. 64 MiB); larger ones are
 *     answered with HTTP 413 without parsing
 * @param maxNestingDepth deepest JSON nesting accepted (4 .. 256)
 * @param maxStringLength longest JSON string accepted, in characters (256 .. maxBodyBytes)
 * @param maxBatchSize most messages in one (2025-03-26) batch (1 .. 1000)
 * @param pageSize tools per {@code tools/list} page (1 .. 1000)
 */
public record EngineLimits(
    int maxBodyBytes, int maxNestingDepth, int maxStringLength, int maxBatchSize, int pageSize) {

  /** 1 MiB bodies, depth 32, 256 KiB strings, batches of 32, pages of 50 tools. */
  public static final EngineLimits DEFAULTS = new EngineLimits(1 << 20, 32, 256 * 1024, 32, 50);

  /** Validates every bound and names the bad one. */
  public EngineLimits {
    check(maxBodyBytes, 1024, 64 << 20, "maxBodyBytes");
    check(maxNestingDepth, 4, 256, "maxNestingDepth");
    check(maxStringLength, 256, maxBodyBytes, "maxStringLength");
    check(maxBatchSize, 1, 1000, "maxBatchSize");
    check(pageSize, 1, 1000, "pageSize");
  }

  /** A copy with another page size. */
  public EngineLimits withPageSize(int pageSize) {
    return new EngineLimits(maxBodyBytes, maxNestingDepth, maxStringLength, maxBatchSize, pageSize);
  }

  /** A copy with another body limit (the string limit shrinks with it when needed). */
  public EngineLimits withMaxBodyBytes(int maxBodyBytes) {
    return new EngineLimits(
        maxBodyBytes,
        maxNestingDepth,
        Math.min(maxStringLength, maxBodyBytes),
        maxBatchSize,
        pageSize);
  }

  private static void check(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
    }
  }
}
