package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import java.util.function.IntFunction;

/**
 * What the tools that read the start of an object share: the {@code s3_uri} and {@code max_bytes}
 * arguments, the latter bounded by the configured maximum read, and the ranged read itself.
 */
abstract class ObjectReadTool extends BucketTool {
  static final int DEFAULT_MAX_BYTES = 65536;

  private final int maxReadBytes;

  /**
   * @param describe the tool's definition for the configured maximum read
   */
  ObjectReadTool(S3Backend backend, IntFunction<ToolDefinition> describe) {
    super(backend, describe.apply(backend.settings().maxReadBytes()));
    this.maxReadBytes = backend.settings().maxReadBytes();
  }

  /** An input schema with {@code s3_uri} (required) and {@code max_bytes}; tools add the rest. */
  static ObjectNode readInput(int maxReadBytes) {
    ObjectNode in = Schemas.object();
    Schemas.property(in, "s3_uri", Schemas.s3Uri());
    Schemas.property(
        in,
        "max_bytes",
        Schemas.integer(
            "Most bytes to read from the start of the object; longer objects are truncated",
            1,
            maxReadBytes,
            defaultMaxBytes(maxReadBytes)));
    Schemas.required(in, "s3_uri");
    return in;
  }

  /** The {@code max_bytes} argument, or its default. */
  final int maxBytes(ObjectNode args) {
    return (int) integer(args, "max_bytes", 1, maxReadBytes, defaultMaxBytes(maxReadBytes));
  }

  /** At most {@code maxBytes} from the start of the object, on the caller's client. */
  final RangedReader.Read readStart(ToolContext context, S3Location at, int maxBytes) {
    return withClient(context, at.uri(), true, s3 -> RangedReader.read(s3, at, maxBytes, context));
  }

  private static long defaultMaxBytes(int maxReadBytes) {
    return Math.min(DEFAULT_MAX_BYTES, maxReadBytes);
  }
}
