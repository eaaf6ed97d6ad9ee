package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import java.nio.charset.Charset;

/** {@code bucket_object_text}: the start of an object decoded as text. */
final class ObjectTextTool extends ObjectReadTool {
  static final String NAME = "bucket_object_text";

  ObjectTextTool(S3Backend backend) {
    super(backend, ObjectTextTool::describe);
  }

  private static ToolDefinition describe(int maxReadBytes) {
    ObjectNode in = readInput(maxReadBytes);
    ObjectNode encoding =
        Schemas.property(
            in, "encoding", Schemas.string("Text encoding of the object").put("default", "utf-8"));
    ArrayNode names = encoding.putArray("enum");
    TextDecoding.names().forEach(names::add);

    ObjectNode out = Schemas.locatedOutput();
    Schemas.property(out, "encoding", Schemas.typed("string"));
    Schemas.property(out, "text", Schemas.typed("string"));
    Schemas.property(out, "bytes_read", Schemas.typed("integer"));
    Schemas.property(out, "size", Schemas.typed("integer"));
    Schemas.property(out, "max_bytes", Schemas.typed("integer"));
    Schemas.property(out, "truncated", Schemas.typed("boolean"));
    Schemas.property(out, "invalid_bytes_replaced", Schemas.typed("boolean"));
    Schemas.property(out, "content_type", Schemas.typed("string", "null"));
    Schemas.required(out, "bucket", "key", "text", "bytes_read", "size", "truncated");

    return Schemas.definition(
        NAME,
        "Read object as text",
        "Reads the start of an S3 object (at most max_bytes, default 65536, at most "
            + maxReadBytes
            + ") and returns it as text. truncated tells whether the object is longer;"
            + " size is its full size. Bytes that are not valid in the encoding become U+FFFD"
            + " and set invalid_bytes_replaced. For binary data use bucket_object_fetch.",
        in,
        out,
        Schemas.readOnly());
  }

  @Override
  ToolResult run(ObjectNode args, ToolContext context) {
    S3Location at = location(args);
    int maxBytes = maxBytes(args);
    String encodingName = optionalText(args, "encoding");
    if (encodingName == null) {
      encodingName = "utf-8";
    }
    Charset charset = TextDecoding.ENCODINGS.get(encodingName);
    if (charset == null) {
      throw S3Failure.invalid(
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
