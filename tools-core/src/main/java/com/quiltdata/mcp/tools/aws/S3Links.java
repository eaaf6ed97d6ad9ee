package com.quiltdata.mcp.tools.aws;

import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.ToolFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Presigned S3 GET links, signed with the caller's own credentials on the shared presigner. A link
 * never outlives the credentials that signed it: its lifetime is cut to what they have left.
 */
public final class S3Links {
  /**
   * A signed link.
   *
   * @param url the presigned URL
   * @param seconds how long it is valid
   * @param expiresAt when it stops working
   * @param limited whether the credentials' expiry cut the requested lifetime
   */
  public record Link(String url, long seconds, Instant expiresAt, boolean limited) {}

  private S3Links() {}

  /**
   * A GET link for one object (a version when {@code versionId} is not null).
   *
   * @param requestedSeconds the lifetime asked for, at least 1
   * @throws ToolFailure {@code CREDENTIALS_UNAVAILABLE} when the credentials expire within a
   *     second; the AWS kit's reasons when signing fails
   */
  public static Link get(
      AwsClients aws,
      AwsCredentials credentials,
      Instant now,
      String bucket,
      String key,
      String versionId,
      long requestedSeconds) {
    long lifetime = requestedSeconds;
    boolean limited = false;
    Optional<Instant> expiry = credentials.expirationTime();
    if (expiry.isPresent()) {
      long left = Duration.between(now, expiry.get()).getSeconds();
      if (left < 1) {
        throw new ToolFailure(
            CommonReason.CREDENTIALS_UNAVAILABLE,
            "Your AWS credentials expire now, so no link can be signed with them. Retry in a few"
                + " seconds to use fresh credentials");
      }
      if (left < requestedSeconds) {
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
                                  g.bucket(bucket)
                                      .key(key)
                                      .versionId(versionId)
                                      // exactly the credentials whose expiry was checked above
                                      .overrideConfiguration(
                                          o ->
                                              o.credentialsProvider(
                                                  StaticCredentialsProvider.create(credentials)))));
    } catch (SdkException e) {
      throw AwsFailures.fromSdk(e, AwsService.S3, "s3://" + bucket + "/" + key);
    }
    return new Link(signed.url().toString(), lifetime, signed.expiration(), limited);
  }
}
