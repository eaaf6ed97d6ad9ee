package com.quiltdata.mcp.tools.s3;

import com.quiltdata.mcp.tools.ToolFailure;

/**
 * Why an S3 tool call failed, beyond the reasons every family shares ({@code CommonReason}) and
 * those of any AWS service ({@code AwsReason}). docs/tools.md lists them all.
 */
public enum S3Reason implements ToolFailure.Reason {
  /** The bucket does not exist. */
  NO_SUCH_BUCKET(false),
  /** The object (or the requested version) does not exist. */
  NO_SUCH_KEY(false),
  /** The object is archived (for example in Glacier) and must be restored first. */
  OBJECT_ARCHIVED(false);

  private final boolean retryable;

  S3Reason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
