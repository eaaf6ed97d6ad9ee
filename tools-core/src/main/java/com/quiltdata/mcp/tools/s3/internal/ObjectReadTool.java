package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
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
  ObjectReadTool(AwsClients aws, S3Settings settings, IntFunction<ToolDefinition> describe) {
    super(aws, settings, describe.apply(settings.maxReadBytes()));
    this.maxReadBytes = settings.maxReadBytes();
  }

  /** An input schema with {@code s3_uri} (required) and {@code max_bytes}; tools add the rest. */
  static ObjectNode readInput(int maxReadBytes) {
    ObjectNode in = JsonSchema.object("s3_uri");
    JsonSchema.property(in, "s3_uri", JsonSchema.s3Uri());
    JsonSchema.property(
        in,
        "max_bytes",
        JsonSchema.integer(
            "Most bytes to read from the start of the object; longer objects are truncated",
            1,
            maxReadBytes,
            defaultMaxBytes(maxReadBytes)));
    return in;
  }

  /** The {@code max_bytes} argument, or its default. */
  final int maxBytes(Arguments args) {
    return (int) args.integer("max_bytes", 1, maxReadBytes, defaultMaxBytes(maxReadBytes));
  }

  /** At most {@code maxBytes} from the start of the object, on the caller's client. */
  final RangedReader.Read readStart(ToolContext context, S3Location at, int maxBytes) {
    return withS3(
        context, at.uri(), true, (s3, call) -> RangedReader.read(s3, call, at, maxBytes, context));
  }

  private static long defaultMaxBytes(int maxReadBytes) {
    return Math.min(DEFAULT_MAX_BYTES, maxReadBytes);
  }
}
