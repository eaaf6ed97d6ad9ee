package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.s3.S3ErrorReason;
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

  ObjectLinkTool(S3Backend backend) {
    super(backend, describe(backend.settings().maxLinkLifetime().getSeconds()));
    this.maxSeconds = backend.settings().maxLinkLifetime().getSeconds();
  }

  private static ToolDefinition describe(long maxSeconds) {
    ObjectNode in = Schemas.object();
    Schemas.property(in, "s3_uri", Schemas.s3Uri());
    Schemas.property(
        in,
        "expiration",
        Schemas.integer(
            "Lifetime of the URL in seconds; it is shortened to the remaining lifetime of your"
                + " AWS credentials when those expire sooner",
            1,
            maxSeconds,
            Math.min(DEFAULT_EXPIRATION, maxSeconds)));
    Schemas.required(in, "s3_uri");

    ObjectNode out = Schemas.locatedOutput();
    Schemas.property(out, "presigned_url", Schemas.typed("string"));
    Schemas.property(out, "expires_in", Schemas.typed("integer"));
    Schemas.property(out, "expires_at", Schemas.typed("string"));
    Schemas.property(out, "requested_expiration", Schemas.typed("integer"));
    Schemas.property(out, "limited_by_credentials", Schemas.typed("boolean"));
    Schemas.required(out, "bucket", "key", "presigned_url", "expires_in", "expires_at");

    return Schemas.definition(
        NAME,
        "Presigned download link",
        "Creates a presigned GET URL for an S3 object that anyone holding it can use"
            + " until it expires (expiration in seconds, default 3600, at most "
            + maxSeconds
            + ", and never beyond your AWS credentials' expiry). Does not check that the"
            + " object exists.",
        in,
        out,
        Schemas.readOnly().put("openWorldHint", false));
  }

  @Override
  ToolResult run(ObjectNode args, ToolContext context) {
    S3Location at = location(args);
    long requested =
        integer(args, "expiration", 1, maxSeconds, Math.min(DEFAULT_EXPIRATION, maxSeconds));
    checkCancelled(context);
    AwsCredentials credentials = resolve(context.credentials().providerFor(context.principal()));
    long lifetime = requested;
    boolean limited = false;
    Optional<Instant> expiry = credentials.expirationTime();
    if (expiry.isPresent()) {
      long left = Duration.between(context.clock().instant(), expiry.get()).getSeconds();
      if (left < 1) {
        throw new S3Failure(
            S3ErrorReason.CREDENTIALS_UNAVAILABLE,
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
          backend
              .presigner()
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
      throw Failures.fromSdk(e, at.uri(), true);
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
