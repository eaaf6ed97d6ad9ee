package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.ArgumentTool;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every S3 tool shares: its definition, the settings, and S3 requests on the shared client
 * with the caller's own credentials ({@link AwsCall}), failures typed by {@link S3Failures} and the
 * AWS kit.
 */
abstract class BucketTool extends ArgumentTool {
  final AwsClients aws;
  final S3Settings settings;

  BucketTool(AwsClients aws, S3Settings settings, ToolDefinition definition) {
    super(definition);
    this.aws = aws;
    this.settings = settings;
  }

  /** An S3 operation on the shared client. */
  @FunctionalInterface
  interface S3Operation<T> {
    T apply(S3Client client, AwsCall call) throws java.io.IOException;
  }

  /**
   * Runs {@code operation} with the caller's credentials, resolved first.
   *
   * @param target what is addressed, for messages
   * @param objectLevel whether a key is addressed (a bare 404 then means a missing key)
   */
  final <T> T withS3(
      ToolContext context, String target, boolean objectLevel, S3Operation<T> operation) {
    AwsCall call = AwsCall.begin(context);
    S3Client s3 = aws.s3();
    return call.run(
        AwsService.S3, target, S3Failures.of(objectLevel), () -> operation.apply(s3, call));
  }

  /** The object named by the {@code s3_uri} argument. */
  static S3Location location(Arguments args) {
    return S3Location.parse(args.optionalText("s3_uri"), "s3_uri");
  }

  /**
   * An output schema that starts with the object a tool addressed: {@code bucket}, {@code key},
   * {@code version_id} and {@code s3_uri}, as {@link #locatedResult} fills them.
   */
  static ObjectNode locatedOutput() {
    ObjectNode o = JsonSchema.output();
    JsonSchema.property(o, "bucket", JsonSchema.typed("string"));
    JsonSchema.property(o, "key", JsonSchema.typed("string"));
    JsonSchema.property(o, "version_id", JsonSchema.typed("string", "null"));
    JsonSchema.property(o, "s3_uri", JsonSchema.typed("string"));
    return o;
  }

  /**
   * A result that starts with the object addressed, in the fields of {@link #locatedOutput()}.
   *
   * @param reportedVersionId the version S3 reported, or {@code null} to show the one addressed
   */
  static ObjectNode locatedResult(S3Location at, String reportedVersionId) {
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("bucket", at.bucket());
    out.put("key", at.key());
    out.put("version_id", reportedVersionId != null ? reportedVersionId : at.versionId());
    out.put("s3_uri", at.uri());
    return out;
  }

  /** An ETag without its surrounding quotes. */
  static String etag(String raw) {
    if (raw == null) {
      return null;
    }
    return raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")
        ? raw.substring(1, raw.length() - 1)
        : raw;
  }
}
