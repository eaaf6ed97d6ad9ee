package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.nio.charset.Charset;

/** {@code bucket_object_text}: the start of an object decoded as text. */
final class ObjectTextTool extends ObjectReadTool {
  static final String NAME = "bucket_object_text";

  ObjectTextTool(AwsClients aws, S3Settings settings) {
    super(aws, settings, ObjectTextTool::describe);
  }

  private static ToolDefinition describe(int maxReadBytes) {
    ObjectNode in = readInput(maxReadBytes);
    JsonSchema.property(
        in,
        "encoding",
        JsonSchema.enumOf(
                "Text encoding of the object", TextDecoding.names().toArray(String[]::new))
            .put("default", "utf-8"));

    ObjectNode out = locatedOutput();
    JsonSchema.property(out, "encoding", JsonSchema.typed("string"));
    JsonSchema.property(out, "text", JsonSchema.typed("string"));
    JsonSchema.property(out, "bytes_read", JsonSchema.typed("integer"));
    JsonSchema.property(out, "size", JsonSchema.typed("integer"));
    JsonSchema.property(out, "max_bytes", JsonSchema.typed("integer"));
    JsonSchema.property(out, "truncated", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "invalid_bytes_replaced", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "content_type", JsonSchema.typed("string", "null"));
    JsonSchema.required(out, "bucket", "key", "text", "bytes_read", "size", "truncated");

    return S3Policy.TABLE.definition(
        NAME,
        "Read object as text",
        "Reads the start of an S3 object (at most max_bytes, default 65536, at most "
            + maxReadBytes
            + ") and returns it as text. truncated tells whether the object is longer;"
            + " size is its full size. Bytes that are not valid in the encoding become U+FFFD"
            + " and set invalid_bytes_replaced. For binary data use bucket_object_fetch.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    S3Location at = location(args);
    int maxBytes = maxBytes(args);
    String encodingName = args.optionalText("encoding");
    if (encodingName == null) {
      encodingName = "utf-8";
    }
    Charset charset = TextDecoding.ENCODINGS.get(encodingName);
    if (charset == null) {
      throw ToolFailure.invalidArgument(
          "Argument 'encoding' must be one of " + String.join(", ", TextDecoding.names()));
    }
    RangedReader.Read read = readStart(context, at, maxBytes);
    TextDecoding.Decoded decoded = TextDecoding.decode(read.bytes(), charset, read.truncated());
    ObjectNode out = locatedResult(at, read.versionId());
    out.put("encoding", encodingName);
    out.put("text", decoded.text());
    out.put("bytes_read", decoded.bytesDecoded());
    out.put("size", read.size());
    out.put("max_bytes", maxBytes);
    out.put("truncated", read.truncated());
    out.put("invalid_bytes_replaced", decoded.invalidBytesReplaced());
    out.put("content_type", read.contentType());
    return ToolResult.structured(out);
  }
}
