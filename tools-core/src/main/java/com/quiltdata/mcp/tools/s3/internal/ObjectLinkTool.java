package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.S3Links;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/**
 * {@code bucket_object_link}: a presigned GET URL signed with the caller's own credentials. Its
 * lifetime is bounded by the configured maximum and never outlasts those credentials (a URL signed
 * with expired credentials would fail anyway; saying so up front is clearer). No S3 request is
 * made.
 */
final class ObjectLinkTool extends BucketTool {
  static final String NAME = "bucket_object_link";
  static final long DEFAULT_EXPIRATION = 3600;

  private final long maxSeconds;

  ObjectLinkTool(AwsClients aws, S3Settings settings) {
    super(aws, settings, describe(settings.maxLinkLifetime().getSeconds()));
    this.maxSeconds = settings.maxLinkLifetime().getSeconds();
  }

  private static ToolDefinition describe(long maxSeconds) {
    ObjectNode in = JsonSchema.object("s3_uri");
    JsonSchema.property(in, "s3_uri", JsonSchema.s3Uri());
    JsonSchema.property(
        in,
        "expiration",
        JsonSchema.integer(
            "Lifetime of the URL in seconds; it is shortened to the remaining lifetime of your"
                + " AWS credentials when those expire sooner",
            1,
            maxSeconds,
            Math.min(DEFAULT_EXPIRATION, maxSeconds)));

    ObjectNode out = locatedOutput();
    JsonSchema.property(out, "presigned_url", JsonSchema.typed("string"));
    JsonSchema.property(out, "expires_in", JsonSchema.typed("integer"));
    JsonSchema.property(out, "expires_at", JsonSchema.typed("string"));
    JsonSchema.property(out, "requested_expiration", JsonSchema.typed("integer"));
    JsonSchema.property(out, "limited_by_credentials", JsonSchema.typed("boolean"));
    JsonSchema.required(out, "bucket", "key", "presigned_url", "expires_in", "expires_at");

    return S3Policy.TABLE.definition(
        NAME,
        "Presigned download link",
        "Creates a presigned GET URL for an S3 object that anyone holding it can use"
            + " until it expires (expiration in seconds, default 3600, at most "
            + maxSeconds
            + ", and never beyond your AWS credentials' expiry). Does not check that the"
            + " object exists.",
        in,
        out,
        Annotations.readOnly(false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    S3Location at = location(args);
    long requested =
        args.integer("expiration", 1, maxSeconds, Math.min(DEFAULT_EXPIRATION, maxSeconds));
    S3Links.Link link =
        S3Links.get(
            aws,
            AwsCall.begin(context).credentials(),
            context.clock().instant(),
            at.bucket(),
            at.key(),
            at.versionId(),
            requested);
    ObjectNode out = locatedResult(at, null);
    out.put("presigned_url", link.url());
    out.put("expires_in", link.seconds());
    out.put("expires_at", link.expiresAt().toString());
    out.put("requested_expiration", requested);
    out.put("limited_by_credentials", link.limited());
    return ToolResult.structured(out);
  }
}
