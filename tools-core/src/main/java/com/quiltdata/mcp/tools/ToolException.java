package com.quiltdata.mcp.tools;

/**
 * A tool failure whose message is safe to show to the model and the user (it says what failed and
 * how to fix it, and never contains tokens, secrets or credentials). Becomes an {@code isError}
 * tool result.
 */
public final class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a safe, actionable message. */
  public ToolException(String safeMessage) {
    super(safeMessage, null, false, false);
  }

  /** Creates the exception with a safe message and a cause (logged, never shown). */
  public ToolException(String safeMessage, Throwable cause) {
    super(safeMessage, cause, false, false);
  }
}
