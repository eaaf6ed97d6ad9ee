package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsFailures;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

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

    return S3Policy.definition(
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
  ToolResult run(Arguments args, ToolContext context) {
    S3Location at = location(args);
    long requested =
        args.integer("expiration", 1, maxSeconds, Math.min(DEFAULT_EXPIRATION, maxSeconds));
    AwsCredentials credentials = AwsCall.begin(context).credentials();
    long lifetime = requested;
    boolean limited = false;
    Optional<Instant> expiry = credentials.expirationTime();
    if (expiry.isPresent()) {
      long left = Duration.between(context.clock().instant(), expiry.get()).getSeconds();
      if (left < 1) {
        throw new ToolFailure(
            CommonReason.CREDENTIALS_UNAVAILABLE,
            "Your AWS credentials expire now, so no link can be signed with them. Retry in a few"
                + " seconds to use fresh credentials");
      }
      if (left < requested) {
        lifetime = left;
        limited = true;
      }
    }
    Duration duration = Duration.ofSeconds(lifetime);
    PresignedGetObjectRequest signed;
    try {
      signed =
          aws.s3Presigner()
              .presignGetObject(
                  p ->
                      p.signatureDuration(duration)
                          .getObjectRequest(
                              g ->
                                  g.bucket(at.bucket())
                                      .key(at.key())
                                      .versionId(at.versionId())
                                      // Exactly the credentials whose expiry was checked above.
                                      .overrideConfiguration(
                                          o ->
                                              o.credentialsProvider(
                                                  StaticCredentialsProvider.create(credentials)))));
    } catch (SdkException e) {
      throw AwsFailures.fromSdk(e, AwsService.S3, at.uri());
    }
    ObjectNode out = locatedResult(at, null);
    out.put("presigned_url", signed.url().toString());
    out.put("expires_in", lifetime);
    out.put("expires_at", signed.expiration().toString());
    out.put("requested_expiration", requested);
    out.put("limited_by_credentials", limited);
    return ToolResult.structured(out);
  }
}
