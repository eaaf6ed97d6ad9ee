package com.quiltdata.mcp.tools.aws;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.aws.internal.AbortScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One tool call's use of AWS: the caller's credentials, resolved before any AWS request (so a
 * registry problem is reported as such and nothing is sent), supplied to the long-lived clients per
 * request, and cancellation that aborts the request the call is blocked on.
 *
 * <pre>{@code
 * AwsCall aws = AwsCall.begin(context);
 * HeadObjectResponse head = aws.run(AwsService.S3, uri, S3Failures::map,
 *     () -> clients.s3().headObject(b -> b.bucket(bucket).key(key)
 *         .overrideConfiguration(aws.override())));
 * }</pre>
 */
public final class AwsCall {
  private final ToolContext context;
  private final AwsCredentialsProvider provider;
  private final AwsCredentials credentials;
  private final AwsRequestOverrideConfiguration override;

  private AwsCall(ToolContext context, AwsCredentialsProvider provider, AwsCredentials resolved) {
    this.context = context;
    this.provider = provider;
    this.credentials = resolved;
    this.override = AwsRequestOverrideConfiguration.builder().credentialsProvider(provider).build();
  }

  /**
   * Resolves the caller's credentials.
   *
   * @throws ToolFailure {@code CANCELLED}, {@code CREDENTIALS_UNAVAILABLE} (retryable) or {@code
   *     CREDENTIALS_REFUSED}
   */
  public static AwsCall begin(ToolContext context) {
    Objects.requireNonNull(context, "context");
    checkCancelled(context);
    AwsCredentialsProvider provider = context.credentials().providerFor(context.principal());
    AwsCredentials credentials;
    try {
      credentials = provider.resolveCredentials();
    } catch (AuthException e) {
      throw AwsFailures.fromAuth(e);
    } catch (SdkException e) {
      throw new ToolFailure(
          CommonReason.CREDENTIALS_UNAVAILABLE,
          "AWS credentials could not be loaded ("
              + e.getClass().getSimpleName()
              + "). Retry in a few seconds; if it persists the operator should check the"
              + " credential configuration");
    }
    if (credentials == null) {
      throw new ToolFailure(
          CommonReason.CREDENTIALS_UNAVAILABLE,
          "No AWS credentials were issued for this request. Retry in a few seconds");
    }
    return new AwsCall(context, provider, credentials);
  }

  /** The credentials resolved when the call began (for presigning, and their expiry). */
  public AwsCredentials credentials() {
    return credentials;
  }

  /**
   * The override every request of this call carries: the caller's credentials provider (it
   * refreshes ahead of expiry, so long calls keep working).
   */
  public AwsRequestOverrideConfiguration override() {
    return override;
  }

  /** The caller's provider. */
  public AwsCredentialsProvider provider() {
    return provider;
  }

  /** An AWS operation (possibly several requests, and reading a response body). */
  @FunctionalInterface
  public interface Operation<T> {
    /** Runs the operation. */
    T run() throws IOException;
  }

  /**
   * A family's mapping of the service-specific error codes it knows (a missing key, a failed
   * query); {@code null} leaves the error to {@link AwsFailures}.
   */
  @FunctionalInterface
  public interface ServiceErrors {
    /** The failure for {@code e} on {@code target}, or {@code null}. */
    ToolFailure map(AwsServiceException e, String target);

    /** Maps nothing. */
    static ServiceErrors none() {
      return (e, target) -> null;
    }
  }

  /**
   * Runs {@code operation}; cancelling the call aborts the request it waits on.
   *
   * @param target what is addressed, for messages
   * @throws ToolFailure for any failure, typed
   */
  @SuppressWarnings("try") // the cancellation registration is only opened and closed
  public <T> T run(
      AwsService service, String target, ServiceErrors errors, Operation<T> operation) {
    checkCancelled(context);
    try (AbortScope scope = AbortScope.open();
        ToolContext.Registration cancel = context.onCancel(scope::abort)) {
      try {
        return operation.run();
      } catch (AwsServiceException e) {
        if (context.isCancelled()) {
          throw ToolFailure.cancelled();
        }
        ToolFailure specific = errors.map(e, target);
        throw specific != null ? specific : AwsFailures.fromService(e, service, target);
      } catch (SdkException e) {
        if (context.isCancelled()) {
          throw ToolFailure.cancelled();
        }
        throw AwsFailures.fromSdk(e, service, target);
      } catch (AuthException e) {
        throw AwsFailures.fromAuth(e);
      } catch (IOException | UncheckedIOException e) {
        if (context.isCancelled()) {
          throw ToolFailure.cancelled();
        }
        throw AwsFailures.network(service, target);
      }
    }
  }

  /** Throws {@code CANCELLED} when the client has cancelled the call. */
  public static void checkCancelled(ToolContext context) {
    if (context.isCancelled()) {
      throw ToolFailure.cancelled();
    }
  }

  @Override
  public String toString() {
    return "AwsCall[" + context.principal() + "]";
  }
}
