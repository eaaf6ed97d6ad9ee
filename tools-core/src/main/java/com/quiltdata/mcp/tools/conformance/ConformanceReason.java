package com.quiltdata.mcp.tools.conformance;

import com.quiltdata.mcp.tools.ToolFailure;

/** Why a conformance test tool failed. */
public enum ConformanceReason implements ToolFailure.Reason {
  /** {@code test_error_handling} fails on purpose. */
  INTENTIONAL(false);

  private final boolean retryable;

  ConformanceReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
