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
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code bucket_object_info}: an object's metadata (HeadObject), without its content. */
final class ObjectInfoTool extends BucketTool {
  static final String NAME = "bucket_object_info";

  ObjectInfoTool(AwsClients aws, S3Settings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("s3_uri");
    JsonSchema.property(in, "s3_uri", JsonSchema.s3Uri());

    ObjectNode out = locatedOutput();
    JsonSchema.property(out, "size", JsonSchema.typed("integer"));
    JsonSchema.property(out, "content_type", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "last_modified", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "etag", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "storage_class", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "metadata", JsonSchema.typed("object"));
    JsonSchema.required(out, "bucket", "key", "s3_uri", "size", "metadata");

    return S3Policy.TABLE.definition(
        NAME,
        "Object metadata",
        "Shows an S3 object's size, content type, last modification, ETag, storage class,"
            + " version and user metadata without downloading it.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    S3Location at = location(args);
    HeadObjectResponse head =
        withS3(
            context,
            at.uri(),
            true,
            (s3, call) ->
                s3.headObject(
                    HeadObjectRequest.builder()
                        .bucket(at.bucket())
                        .key(at.key())
                        .versionId(at.versionId())
                        .overrideConfiguration(call.override())
                        .build()));
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
