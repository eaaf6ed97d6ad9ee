package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code bucket_object_info}: an object's metadata (HeadObject), without its content. */
final class ObjectInfoTool extends BucketTool {
  static final String NAME = "bucket_object_info";

  ObjectInfoTool(S3Backend backend) {
    super(backend, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = Schemas.object();
    Schemas.property(in, "s3_uri", Schemas.s3Uri());
    Schemas.required(in, "s3_uri");

    ObjectNode out = Schemas.locatedOutput();
    Schemas.property(out, "size", Schemas.typed("integer"));
    Schemas.property(out, "content_type", Schemas.typed("string", "null"));
    Schemas.property(out, "last_modified", Schemas.typed("string", "null"));
    Schemas.property(out, "etag", Schemas.typed("string", "null"));
    Schemas.property(out, "storage_class", Schemas.typed("string", "null"));
    Schemas.property(out, "metadata", Schemas.typed("object"));
    Schemas.required(out, "bucket", "key", "s3_uri", "size", "metadata");

    return Schemas.definition(
        NAME,
        "Object metadata",
        "Shows an S3 object's size, content type, last modification, ETag, storage class,"
            + " version and user metadata without downloading it.",
        in,
        out,
        Schemas.readOnly());
  }

  @Override
  ToolResult run(ObjectNode args, ToolContext context) {
    S3Location at = location(args);
    HeadObjectRequest request =
        HeadObjectRequest.builder()
            .bucket(at.bucket())
            .key(at.key())
            .versionId(at.versionId())
            .build();
    HeadObjectResponse head = withClient(context, at.uri(), true, s3 -> s3.headObject(request));
    ObjectNode out = locatedResult(at, head.versionId());
    out.put("size", head.contentLength() == null ? 0L : head.contentLength());
    out.put("content_type", head.contentType());
    out.put("last_modified", head.lastModified() == null ? null : head.lastModified().toString());
    out.put("etag", etag(head.eTag()));
    out.put("storage_class", head.storageClassAsString());
    if (head.cacheControl() != null) {
      out.put("cache_control", head.cacheControl());
    }
    if (head.contentEncoding() != null) {
      out.put("content_encoding", head.contentEncoding());
    }
    ObjectNode metadata = out.putObject("metadata");
    Map<String, String> sorted = new TreeMap<>(head.metadata());
    sorted.forEach(metadata::put);
    return ToolResult.structured(out);
  }
}
