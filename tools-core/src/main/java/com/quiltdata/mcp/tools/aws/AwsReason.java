package com.quiltdata.mcp.tools.aws;

import com.quiltdata.mcp.tools.ToolFailure;

/**
 * Why an AWS request failed, for every AWS service a tool calls (S3, Athena, Glue, ...); the
 * message names the service and what was addressed. A family adds the service-specific reasons (a
 * missing key, a failed query) in its own enum.
 */
public enum AwsReason implements ToolFailure.Reason {
  /** AWS refused the request for this user's credentials (403 AccessDenied and similar). */
  ACCESS_DENIED(false),
  /** AWS rejected the credentials themselves (expired, revoked, or a bad signature). */
  CREDENTIALS_REJECTED(false),
  /** AWS asked to slow down (503 SlowDown, 429, throttling codes). */
  THROTTLED(true),
  /** The resource lives in another region than the server's {@code AWS_REGION}. */
  WRONG_REGION(false),
  /** The service failed on its side (5xx) or did not answer in time. */
  SERVICE_UNAVAILABLE(true),
  /** The service could not be reached (connection refused, DNS, I/O error). */
  NETWORK(true),
  /** Another refusal by the service; its error code is in the message. */
  SERVICE_ERROR(false);

  private final boolean retryable;

  AwsReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
