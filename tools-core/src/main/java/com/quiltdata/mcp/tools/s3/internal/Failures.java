package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.tools.s3.S3ErrorReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what S3 and the credentials broker report into {@link S3Failure}s with fixed, actionable
 * messages. Nothing S3 says verbatim is shown (S3-compatible stores echo request details in their
 * messages); only its error code, HTTP status and request id, each reduced to a safe alphabet.
 */
final class Failures {
  private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._+/=-]{1,128}");
  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "InvalidToken",
          "TokenRefreshRequired",
          "InvalidSecurity");
  private static final Set<String> THROTTLE_CODES =
      Set.of(
          "SlowDown",
          "Throttling",
          "ThrottlingException",
          "RequestLimitExceeded",
          "TooManyRequests",
          "TooManyRequestsException",
          "RequestThrottled");
  private static final Set<String> REGION_CODES =
      Set.of("PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraint");

  private Failures() {}

  /** A credentials broker failure: retryable or not, as the broker says. */
  static S3Failure fromAuth(AuthException e) {
    String detail = " (" + e.reason().name() + ": " + e.getMessage() + ")";
    if (e.retryable()) {
      return new S3Failure(
          S3ErrorReason.CREDENTIALS_UNAVAILABLE,
          "Your AWS credentials could not be obtained from the Quilt registry right now"
              + detail
              + ". Retry the same call in a few seconds; if it keeps failing the registry may be"
              + " down");
    }
    String advice;
    switch (e.reason()) {
      case REGISTRY_INVALID_TOKEN:
        advice = "Sign in to the Quilt catalog again to get a fresh token, then retry";
        break;
      case REGISTRY_FORBIDDEN:
        advice = "Ask a Quilt administrator to check this user's role";
        break;
      default:
        advice = "Present a valid, unexpired token to a server configured with a Quilt registry";
    }
    return new S3Failure(
        S3ErrorReason.CREDENTIALS_REFUSED,
        "No AWS credentials are issued for this request" + detail + ". " + advice);
  }

  /**
   * An SDK failure of an operation on {@code target}.
   *
   * @param target what was addressed, e.g. {@code s3://bucket/key} or {@code bucket 'name'}
   * @param objectLevel whether a key was addressed (a bare 404 then means a missing key)
   */
  static S3Failure fromSdk(SdkException e, String target, boolean objectLevel) {
    AuthException auth = authCause(e);
    if (auth != null) {
      return fromAuth(auth);
    }
    if (e instanceof AwsServiceException service) {
      return fromService(service, target, objectLevel);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new S3Failure(
          S3ErrorReason.S3_UNAVAILABLE,
          "S3 did not answer in time for " + target + ". Retry later, or ask for less data");
    }
    if (e instanceof AbortedException) {
      return new S3Failure(S3ErrorReason.CANCELLED, "The request for " + target + " was aborted");
    }
    if (hasCause(e, IOException.class) || hasCause(e, UncheckedIOException.class)) {
      return new S3Failure(
          S3ErrorReason.NETWORK,
          "S3 could not be reached for "
              + target
              + ". Retry later; if it persists the operator should check the S3 endpoint and"
              + " network");
    }
    return new S3Failure(
        S3ErrorReason.NETWORK,
        "The request for " + target + " could not be completed (" + simpleName(e) + "). Retry");
  }

  private static S3Failure fromService(AwsServiceException e, String target, boolean objectLevel) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : safe(e.awsErrorDetails().errorCode());
    String ref =
        " [S3 "
            + (code == null ? "" : code + ", ")
            + "HTTP "
            + status
            + (safe(e.requestId()) == null ? "" : ", request " + safe(e.requestId()))
            + "]";
    if (code != null && CREDENTIAL_CODES.contains(code)) {
      return new S3Failure(
          S3ErrorReason.CREDENTIALS_REJECTED,
          "S3 rejected your AWS credentials for "
              + target
              + ref
              + ". They may have expired or been revoked: sign in to the Quilt catalog again");
    }
    if (status == 429 || (code != null && THROTTLE_CODES.contains(code))) {
      return new S3Failure(
          S3ErrorReason.THROTTLED,
          "S3 is throttling requests for "
              + target
              + ref
              + ". Wait a few seconds and retry, with fewer calls at once");
    }
    if (status == 301 || (code != null && REGION_CODES.contains(code))) {
      return new S3Failure(
          S3ErrorReason.WRONG_REGION,
          "The bucket of "
              + target
              + " is in another region than this server's"
              + ref
              + ". The operator must set AWS_REGION to the bucket's region");
    }
    if ("NoSuchBucket".equals(code) || (status == 404 && !objectLevel && code == null)) {
      return new S3Failure(
          S3ErrorReason.NO_SUCH_BUCKET,
          "The bucket of " + target + " does not exist" + ref + ". Check the bucket name");
    }
    if ("NoSuchKey".equals(code)
        || "NoSuchVersion".equals(code)
        || (status == 404 && objectLevel)) {
      return new S3Failure(
          S3ErrorReason.NO_SUCH_KEY,
          "No object at "
              + target
              + ref
              + ". Check the key (keys are case-sensitive) or list the bucket with"
              + " bucket_objects_list");
    }
    if ("InvalidObjectState".equals(code)) {
      return new S3Failure(
          S3ErrorReason.OBJECT_ARCHIVED,
          "The object at "
              + target
              + " is archived"
              + ref
              + ". Restore it from its archive storage class before reading it");
    }
    if (status == 403) {
      return new S3Failure(
          S3ErrorReason.ACCESS_DENIED,
          "Access denied by S3 for "
              + target
              + ref
              + ". Your AWS role (issued by the Quilt registry) does not allow this; ask a Quilt"
              + " administrator for access");
    }
    if (status >= 500) {
      return new S3Failure(
          S3ErrorReason.S3_UNAVAILABLE,
          "S3 failed to serve " + target + ref + ". This is usually transient: retry later");
    }
    return new S3Failure(
        S3ErrorReason.S3_ERROR, "S3 refused the request for " + target + ref + ".");
  }

  private static AuthException authCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AuthException a) {
        return a;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String simpleName(Throwable e) {
    return e.getClass().getSimpleName();
  }

  /** A code or id made safe to show: a short run of token characters, else null. */
  static String safe(String value) {
    return value != null && SAFE_TOKEN.matcher(value).matches() ? value : null;
  }
}
