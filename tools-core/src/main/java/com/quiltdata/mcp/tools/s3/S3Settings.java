package com.quiltdata.mcp.tools.s3;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The limits the S3 tools enforce (how S3 is reached is {@code AwsSettings}). Immutable; build it
 * with {@link #fromEnvironment(Map)}, which reads {@link #VARIABLES}, or {@link #defaults()} and
 * the {@code with...} methods.
 *
 * @param maxReadBytes the largest {@code max_bytes} {@code bucket_object_text} and {@code
 *     bucket_object_fetch} accept ({@code MCP_S3_MAX_READ_BYTES})
 * @param maxPutItems the most items one {@code bucket_objects_put} call may write ({@code
 *     MCP_S3_MAX_PUT_ITEMS})
 * @param maxPutBytes the most bytes (decoded) one {@code bucket_objects_put} call may write ({@code
 *     MCP_S3_MAX_PUT_BYTES})
 * @param maxLinkLifetime the longest lifetime of a presigned URL ({@code MCP_S3_MAX_LINK_SECONDS});
 *     links never outlive the credentials that sign them either
 */
public record S3Settings(
    int maxReadBytes, int maxPutItems, long maxPutBytes, Duration maxLinkLifetime) {

  /** Default of {@link #maxReadBytes()}: 1 MiB. */
  public static final int DEFAULT_MAX_READ_BYTES = 1024 * 1024;

  /** Default of {@link #maxPutItems()}. */
  public static final int DEFAULT_MAX_PUT_ITEMS = 100;

  /** Default of {@link #maxPutBytes()}: 8 MiB. */
  public static final long DEFAULT_MAX_PUT_BYTES = 8L * 1024 * 1024;

  /** Default and upper bound of {@link #maxLinkLifetime()}: 7 days, the SigV4 maximum. */
  public static final Duration MAX_LINK_LIFETIME = Duration.ofDays(7);

  /** {@code MCP_S3_MAX_READ_BYTES}. */
  public static final EnvironmentVariable MAX_READ_BYTES =
      EnvironmentVariable.integer(
          "MCP_S3_MAX_READ_BYTES", 1024, 16 * 1024 * 1024, DEFAULT_MAX_READ_BYTES);

  /** {@code MCP_S3_MAX_PUT_ITEMS}. */
  public static final EnvironmentVariable MAX_PUT_ITEMS =
      EnvironmentVariable.integer("MCP_S3_MAX_PUT_ITEMS", 1, 1000, DEFAULT_MAX_PUT_ITEMS);

  /** {@code MCP_S3_MAX_PUT_BYTES}. */
  public static final EnvironmentVariable MAX_PUT_BYTES =
      EnvironmentVariable.integer(
          "MCP_S3_MAX_PUT_BYTES", 1024, 256L * 1024 * 1024, DEFAULT_MAX_PUT_BYTES);

  /** {@code MCP_S3_MAX_LINK_SECONDS}. */
  public static final EnvironmentVariable MAX_LINK_SECONDS =
      EnvironmentVariable.integer(
          "MCP_S3_MAX_LINK_SECONDS",
          1,
          MAX_LINK_LIFETIME.getSeconds(),
          MAX_LINK_LIFETIME.getSeconds());

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(MAX_READ_BYTES, MAX_PUT_ITEMS, MAX_PUT_BYTES, MAX_LINK_SECONDS);

  /** Validates every field; messages name the field and the accepted range. */
  public S3Settings {
    range(maxReadBytes, MAX_READ_BYTES, "maxReadBytes");
    range(maxPutItems, MAX_PUT_ITEMS, "maxPutItems");
    range(maxPutBytes, MAX_PUT_BYTES, "maxPutBytes");
    Objects.requireNonNull(maxLinkLifetime, "maxLinkLifetime");
    range(maxLinkLifetime.getSeconds(), MAX_LINK_SECONDS, "maxLinkLifetime (seconds)");
  }

  /** Every limit at its default. */
  public static S3Settings defaults() {
    return new S3Settings(
        DEFAULT_MAX_READ_BYTES, DEFAULT_MAX_PUT_ITEMS, DEFAULT_MAX_PUT_BYTES, MAX_LINK_LIFETIME);
  }

  /**
   * Reads {@link #VARIABLES} (see docs/configuration.md, "S3 tools"); the empty string counts as
   * unset.
   *
   * @throws IllegalArgumentException naming the variable and the expected form (never its value)
   */
  public static S3Settings fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    return new S3Settings(
        (int) reader.integer(MAX_READ_BYTES),
        (int) reader.integer(MAX_PUT_ITEMS),
        reader.integer(MAX_PUT_BYTES),
        Duration.ofSeconds(reader.integer(MAX_LINK_SECONDS)));
  }

  /** A copy with another read ceiling. */
  public S3Settings withMaxReadBytes(int bytes) {
    return new S3Settings(bytes, maxPutItems, maxPutBytes, maxLinkLifetime);
  }

  /** A copy with other put limits. */
  public S3Settings withPutLimits(int items, long bytes) {
    return new S3Settings(maxReadBytes, items, bytes, maxLinkLifetime);
  }

  /** A copy with another presigned URL ceiling. */
  public S3Settings withMaxLinkLifetime(Duration lifetime) {
    return new S3Settings(maxReadBytes, maxPutItems, maxPutBytes, lifetime);
  }

  private static void range(long value, EnvironmentVariable v, String field) {
    if (value < v.min() || value > v.max()) {
      throw new IllegalArgumentException(field + " must be between " + v.min() + " and " + v.max());
    }
  }
}
