package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code bucket_object_fetch}: the start of an object as base64 (or UTF-8 text on request). */
final class ObjectFetchTool extends ObjectReadTool {
  static final String NAME = "bucket_object_fetch";

  ObjectFetchTool(AwsClients aws, S3Settings settings) {
    super(aws, settings, ObjectFetchTool::describe);
  }

  private static ToolDefinition describe(int maxReadBytes) {
    ObjectNode in = readInput(maxReadBytes);
    JsonSchema.property(
        in,
        "base64",
        JsonSchema.bool(
            "true: data is base64 (any content). false: data is UTF-8 text when the bytes are"
                + " valid UTF-8, otherwise base64 anyway (base64 in the result says which)",
            true));

    ObjectNode out = locatedOutput();
    JsonSchema.property(out, "base64", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "data", JsonSchema.typed("string"));
    JsonSchema.property(out, "bytes_read", JsonSchema.typed("integer"));
    JsonSchema.property(out, "size", JsonSchema.typed("integer"));
    JsonSchema.property(out, "max_bytes", JsonSchema.typed("integer"));
    JsonSchema.property(out, "truncated", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "content_type", JsonSchema.typed("string", "null"));
    JsonSchema.required(out, "bucket", "key", "base64", "data", "bytes_read", "size", "truncated");

    return S3Policy.TABLE.definition(
        NAME,
        "Fetch object bytes",
        "Fetches the start of an S3 object (at most max_bytes, default 65536, at most "
            + maxReadBytes
            + ") as base64, or as UTF-8 text with base64=false. truncated tells whether the"
            + " object is longer; size is its full size.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    S3Location at = location(args);
    int maxBytes = maxBytes(args);
    boolean base64 = args.flag("base64", true);
    RangedReader.Read read = readStart(context, at, maxBytes);
    ObjectNode out = locatedResult(at, read.versionId());
    byte[] bytes = read.bytes();
    String text = null;
    if (!base64) {
      byte[] whole =
          read.truncated()
              ? TextDecoding.dropPartialCharacter(bytes, StandardCharsets.UTF_8)
              : bytes;
      text = TextDecoding.strictUtf8(whole);
      if (text != null) {
        bytes = whole;
      }
    }
    if (text != null) {
      out.put("base64", false);
      out.put("data", text);
    } else {
      out.put("base64", true);
      out.put("data", Base64.getEncoder().encodeToString(bytes));
      if (!base64) {
        out.put("note", "the bytes are not valid UTF-8 text, so data is base64");
      }
    }
    out.put("bytes_read", bytes.length);
    out.put("size", read.size());
    out.put("max_bytes", maxBytes);
    out.put("truncated", read.truncated());
    out.put("content_type", read.contentType());
    return ToolResult.structured(out);
  }
}
