package com.quiltdata.mcp.tools.s3;

/**
 * Why an S3 tool call failed. Every failure result names its reason and whether retrying may help
 * as {@code (reason: NAME, retryable: yes|no)} at the end of its message; docs/tools.md lists them.
 */
public enum S3ErrorReason {
  /** An argument breaks a rule; the message names the argument and the rule. */
  INVALID_ARGUMENT(false),
  /** S3 refused the request for this user's credentials (403 AccessDenied and similar). */
  ACCESS_DENIED(false),
  /** The bucket does not exist. */
  NO_SUCH_BUCKET(false),
  /** The object (or the requested version) does not exist. */
  NO_SUCH_KEY(false),
  /** The object is archived (for example in Glacier) and must be restored first. */
  OBJECT_ARCHIVED(false),
  /** The bucket lives in another region than the server's {@code AWS_REGION}. */
  WRONG_REGION(false),
  /** S3 rejected the credentials themselves (expired, revoked, or a bad signature). */
  CREDENTIALS_REJECTED(false),
  /** S3 asked to slow down (503 SlowDown, 429, throttling codes). */
  THROTTLED(true),
  /** S3 failed on its side (5xx) or timed out. */
  S3_UNAVAILABLE(true),
  /** S3 could not be reached (connection refused, DNS, I/O error). */
  NETWORK(true),
  /** Another error answered by S3; the S3 error code is in the message. */
  S3_ERROR(false),
  /**
   * The Quilt registry could not issue credentials right now (down, slow, bad answer, or
   * credentials about to expire); retrying later may help.
   */
  CREDENTIALS_UNAVAILABLE(true),
  /** No credentials will be issued for this caller (token refused, expired, or no registry). */
  CREDENTIALS_REFUSED(false),
  /** The client cancelled the call. */
  CANCELLED(false);

  private final boolean retryable;

  S3ErrorReason(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether the same call may succeed later without changing anything. */
  public boolean retryable() {
    return retryable;
  }
}
