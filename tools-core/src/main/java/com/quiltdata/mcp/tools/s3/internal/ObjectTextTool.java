package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import java.nio.charset.Charset;

/** {@code bucket_object_text}: the start of an object decoded as text. */
final class ObjectTextTool extends BucketTool {
  static final String NAME = "bucket_object_text";
  static final int DEFAULT_MAX_BYTES = 65536;

  private final int maxReadBytes;

  ObjectTextTool(S3Backend backend) {
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
    ObjectNode encoding =
        Schemas.property(
            in, "encoding", Schemas.string("Text encoding of the object").put("default", "utf-8"));
    ArrayNode names = encoding.putArray("enum");
    TextDecoding.names().forEach(names::add);
    Schemas.required(in, "s3_uri");

    ObjectNode out = Schemas.object();
    out.remove("additionalProperties");
    Schemas.property(out, "bucket", Schemas.typed("string"));
    Schemas.property(out, "key", Schemas.typed("string"));
    Schemas.property(out, "version_id", Schemas.typed("string", "null"));
    Schemas.property(out, "s3_uri", Schemas.typed("string"));
    Schemas.property(out, "encoding", Schemas.typed("string"));
    Schemas.property(out, "text", Schemas.typed("string"));
    Schemas.property(out, "bytes_read", Schemas.typed("integer"));
    Schemas.property(out, "size", Schemas.typed("integer"));
    Schemas.property(out, "max_bytes", Schemas.typed("integer"));
    Schemas.property(out, "truncated", Schemas.typed("boolean"));
    Schemas.property(out, "invalid_bytes_replaced", Schemas.typed("boolean"));
    Schemas.property(out, "content_type", Schemas.typed("string", "null"));
    Schemas.required(out, "bucket", "key", "text", "bytes_read", "size", "truncated");

    return ToolDefinition.builder(NAME)
        .title("Read object as text")
        .description(
            "Reads the start of an S3 object (at most max_bytes, default 65536, at most "
                + maxReadBytes
                + ") and returns it as text. truncated tells whether the object is longer;"
                + " size is its full size. Bytes that are not valid in the encoding become U+FFFD"
                + " and set invalid_bytes_replaced. For binary data use bucket_object_fetch.")
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
    String encodingName = optionalText(args, "encoding");
    if (encodingName == null) {
      encodingName = "utf-8";
    }
    Charset charset = TextDecoding.ENCODINGS.get(encodingName);
    if (charset == null) {
      throw S3Failure.invalid(
          "Argument 'encoding' must be one of " + String.join(", ", TextDecoding.names()));
    }
    RangedReader.Read read =
        withClient(context, at.uri(), true, s3 -> RangedReader.read(s3, at, maxBytes, context));
    TextDecoding.Decoded decoded = TextDecoding.decode(read.bytes(), charset, read.truncated());
    ObjectNode out = Schemas.NODES.objectNode();
    out.put("bucket", at.bucket());
    out.put("key", at.key());
    out.put("version_id", read.versionId() != null ? read.versionId() : at.versionId());
    out.put("s3_uri", at.uri());
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
