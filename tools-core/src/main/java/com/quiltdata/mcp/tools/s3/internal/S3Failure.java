package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.s3.S3ErrorReason;
import java.util.Objects;

/**
 * A failed S3 tool call with its reason and a message that is safe to show (it names what failed
 * and how to fix it, never credentials or tokens). Becomes an {@code isError} result.
 */
final class S3Failure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final S3ErrorReason reason;

  S3Failure(S3ErrorReason reason, String safeMessage) {
    super(safeMessage, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  static S3Failure invalid(String safeMessage) {
    return new S3Failure(S3ErrorReason.INVALID_ARGUMENT, safeMessage);
  }

  S3ErrorReason reason() {
    return reason;
  }

  /** The message with its reason and retry advice appended. */
  String describe() {
    return describe(reason, getMessage());
  }

  static String describe(S3ErrorReason reason, String message) {
    return message
        + " (reason: "
        + reason.name()
        + ", retryable: "
        + (reason.retryable() ? "yes" : "no")
        + ")";
  }

  ToolResult toResult() {
    return ToolResult.error(describe());
  }
}
