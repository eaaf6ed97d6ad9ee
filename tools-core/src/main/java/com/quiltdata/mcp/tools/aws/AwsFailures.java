package com.quiltdata.mcp.tools.aws;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.tools.ToolFailure;
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
 * The one mapping from what AWS and the credentials broker report to typed {@link ToolFailure}s
 * with fixed, actionable messages. Nothing a service says verbatim is shown (S3-compatible stores
 * echo request details in their messages); only its error code, HTTP status and request id, each
 * reduced to a safe alphabet. Families map their service-specific codes first (see {@link
 * AwsCall.ServiceErrors}) and leave the rest to this class.
 */
public final class AwsFailures {
  private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._+/=-]{1,128}");
  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidToken",
          "TokenRefreshRequired",
          "InvalidSecurity",
          "UnrecognizedClientException",
          "InvalidSignatureException");
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
  private static final Set<String> ACCESS_CODES =
      Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");

  private AwsFailures() {}

  /** A credentials broker failure: retryable or not, as the broker says. */
  public static ToolFailure fromAuth(AuthException e) {
    return ToolFailure.credentials(e);
  }

  /**
   * An SDK failure of an operation on {@code target}.
   *
   * @param target what was addressed, e.g. {@code s3://bucket/key} or {@code bucket 'name'}
   */
  public static ToolFailure fromSdk(SdkException e, AwsService service, String target) {
    AuthException auth = authCause(e);
    if (auth != null) {
      return fromAuth(auth);
    }
    String name = service.displayName();
    if (e instanceof AwsServiceException s) {
      return fromService(s, service, target);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new ToolFailure(
          AwsReason.SERVICE_UNAVAILABLE,
          name + " did not answer in time for " + target + ". Retry later, or ask for less");
    }
    if (e instanceof AbortedException) {
      return ToolFailure.cancelled();
    }
    if (hasCause(e, IOException.class) || hasCause(e, UncheckedIOException.class)) {
      return network(service, target);
    }
    return new ToolFailure(
        AwsReason.NETWORK,
        "The request for "
            + target
            + " could not be completed ("
            + e.getClass().getSimpleName()
            + "). Retry");
  }

  /** {@code service} could not be reached, or a response broke off. */
  public static ToolFailure network(AwsService service, String target) {
    return new ToolFailure(
        AwsReason.NETWORK,
        service.displayName()
            + " could not be reached for "
            + target
            + ", or its answer broke off. Retry later; if it persists the operator should check"
            + " the endpoint and network");
  }

  /** A service's refusal: credentials, throttling, region, access, outage, or anything else. */
  public static ToolFailure fromService(AwsServiceException e, AwsService service, String target) {
    int status = e.statusCode();
    String code = errorCode(e);
    String name = service.displayName();
    String ref = reference(e, service);
    if (code != null && CREDENTIAL_CODES.contains(code)) {
      return new ToolFailure(
          AwsReason.CREDENTIALS_REJECTED,
          name
              + " rejected your AWS credentials for "
              + target
              + ref
              + ". They may have expired or been revoked: sign in to the Quilt catalog again");
    }
    if (status == 429 || (code != null && THROTTLE_CODES.contains(code))) {
      return new ToolFailure(
          AwsReason.THROTTLED,
          name
              + " is throttling requests for "
              + target
              + ref
              + ". Wait a few seconds and retry, with fewer calls at once");
    }
    if (status == 301 || (code != null && REGION_CODES.contains(code))) {
      return new ToolFailure(
          AwsReason.WRONG_REGION,
          target
              + " is in another region than this server's"
              + ref
              + ". The operator must set AWS_REGION to its region");
    }
    if (status == 403 || (code != null && ACCESS_CODES.contains(code))) {
      return new ToolFailure(
          AwsReason.ACCESS_DENIED,
          "Access denied by "
              + name
              + " for "
              + target
              + ref
              + ". Your AWS role (issued by the Quilt registry) does not allow this; ask a Quilt"
              + " administrator for access");
    }
    if (status >= 500) {
      return new ToolFailure(
          AwsReason.SERVICE_UNAVAILABLE,
          name + " failed to serve " + target + ref + ". This is usually transient: retry later");
    }
    return new ToolFailure(
        AwsReason.SERVICE_ERROR, name + " refused the request for " + target + ref + ".");
  }

  /** The service's error code, if it is safe to show. */
  public static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : safe(e.awsErrorDetails().errorCode());
  }

  /** {@code " [S3 AccessDenied, HTTP 403, request 4F9A...]"}: what identifies the refusal. */
  public static String reference(AwsServiceException e, AwsService service) {
    String code = errorCode(e);
    String request = safe(e.requestId());
    return " ["
        + service.displayName()
        + " "
        + (code == null ? "" : code + ", ")
        + "HTTP "
        + e.statusCode()
        + (request == null ? "" : ", request " + request)
        + "]";
  }

  /** A code or id made safe to show: a short run of token characters, else {@code null}. */
  public static String safe(String value) {
    return value != null && SAFE_TOKEN.matcher(value).matches() ? value : null;
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
}
