package com.quiltdata.mcp.tools;

/**
 * The failure reasons every tool family shares; a family's own enum adds what only it can report.
 * docs/tools.md lists them all.
 */
public enum CommonReason implements ToolFailure.Reason {
  /** An argument breaks a rule; the message names the argument and the rule. */
  INVALID_ARGUMENT(false),
  /**
   * The Quilt registry could not issue AWS credentials right now (down, slow, bad answer, or
   * credentials about to expire); retrying later may help.
   */
  CREDENTIALS_UNAVAILABLE(true),
  /** No credentials will be issued for this caller (token refused, expired, or no registry). */
  CREDENTIALS_REFUSED(false),
  /** The client cancelled the call. */
  CANCELLED(false),
  /** Too many calls are running (for this session, or on the server); retry in a moment. */
  BUSY(true),
  /**
   * The result would pass the server's size bound (MCP_MAX_RESULT_BYTES); ask for less: a smaller
   * byte count, a narrower prefix, a lower limit, or the next page.
   */
  RESULT_TOO_LARGE(false),
  /** The tool failed unexpectedly; the message carries a reference for the operator. */
  INTERNAL_ERROR(false);

  private final boolean retryable;

  CommonReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
