package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code bucket_object_fetch}: the start of an object as base64 (or UTF-8 text on request). */
final class ObjectFetchTool extends BucketTool {
  static final String NAME = "bucket_object_fetch";
  static final int DEFAULT_MAX_BYTES = 65536;

  private final int maxReadBytes;

  ObjectFetchTool(S3Backend backend) {
    super(backend, describe(backend.settings().maxReadBytes()));
    this.maxReadBytes = backend.settings().maxReadBytes();
  }

  private static ToolDefinition describe(int maxReadBytes) {
    ObjectNode in = Schemas.object();
    Schemas.property(in, "s3_uri", Schemas.s3Uri());
    Schemas.property(
        in,
        "max_bytes",
        Schemas.integer(
            "Most bytes to read from the start of the object; longer objects are truncated",
            1,
            maxReadBytes,
            Math.min(DEFAULT_MAX_BYTES, maxReadBytes)));
    Schemas.property(
        in,
        "base64",
        Schemas.bool(
            "true: data is base64 (any content). false: data is UTF-8 text when the bytes are"
                + " valid UTF-8, otherwise base64 anyway (base64 in the result says which)",
            true));
    Schemas.required(in, "s3_uri");

    ObjectNode out = Schemas.object();
    out.remove("additionalProperties");
    Schemas.property(out, "bucket", Schemas.typed("string"));
    Schemas.property(out, "key", Schemas.typed("string"));
    Schemas.property(out, "version_id", Schemas.typed("string", "null"));
    Schemas.property(out, "s3_uri", Schemas.typed("string"));
    Schemas.property(out, "base64", Schemas.typed("boolean"));
    Schemas.property(out, "data", Schemas.typed("string"));
    Schemas.property(out, "bytes_read", Schemas.typed("integer"));
    Schemas.property(out, "size", Schemas.typed("integer"));
    Schemas.property(out, "max_bytes", Schemas.typed("integer"));
    Schemas.property(out, "truncated", Schemas.typed("boolean"));
    Schemas.property(out, "content_type", Schemas.typed("string", "null"));
    Schemas.required(out, "bucket", "key", "base64", "data", "bytes_read", "size", "truncated");

    return ToolDefinition.builder(NAME)
        .title("Fetch object bytes")
        .description(
            "Fetches the start of an S3 object (at most max_bytes, default 65536, at most "
                + maxReadBytes
                + ") as base64, or as UTF-8 text with base64=false. truncated tells whether the"
                + " object is longer; size is its full size.")
        .inputSchema(in)
        .outputSchema(out)
        .annotations(Schemas.readOnly())
        .requirements(Schemas.requirements(NAME))
        .build();
  }

  @Override
  ToolResult run(ObjectNode args, ToolContext context) {
    S3Location at = S3Location.parse(optionalText(args, "s3_uri"), "s3_uri");
    int maxBytes =
        (int)
            integer(args, "max_bytes", 1, maxReadBytes, Math.min(DEFAULT_MAX_BYTES, maxReadBytes));
    boolean base64 = flag(args, "base64", true);
    RangedReader.Read read =
        withClient(context, at.uri(), true, s3 -> RangedReader.read(s3, at, maxBytes, context));
    ObjectNode out = Schemas.NODES.objectNode();
    out.put("bucket", at.bucket());
    out.put("key", at.key());
    out.put("version_id", read.versionId() != null ? read.versionId() : at.versionId());
    out.put("s3_uri", at.uri());
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
