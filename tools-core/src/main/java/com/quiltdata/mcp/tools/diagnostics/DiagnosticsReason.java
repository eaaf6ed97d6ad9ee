package com.quiltdata.mcp.tools.diagnostics;

import com.quiltdata.mcp.tools.ToolFailure;

/** Why a diagnostics tool call failed, beyond the reasons every family shares. */
public enum DiagnosticsReason implements ToolFailure.Reason {
  /**
   * {@code validate_jwt_token} was called without a {@code token} by a caller that has none (the
   * desktop user without {@code QUILT_ACCESS_TOKEN}).
   */
  NO_TOKEN(false);

  private final boolean retryable;

  DiagnosticsReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
