package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.cli.ExitCode;
import java.util.Objects;

/**
 * The one exception of the CLI: a failure the operator can act on, with its exit status, a one-line
 * message and a fix hint. Messages are built from fixed text, variable names, paths and reason
 * codes, never from a secret or a token.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final String reason;
  private final String hint;

  /**
   * @param exitCode the process exit status
   * @param reason a stable machine-readable reason (an enum name of the library, or a CLI one)
   * @param message what failed, one line
   * @param hint how to fix it, or null
   */
  public CliFailure(ExitCode exitCode, String reason, String message, String hint) {
    super(message, null, false, true);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.hint = hint;
  }

  /** A bad command line or unreadable input ({@link ExitCode#USAGE}). */
  public static CliFailure usage(String message, String hint) {
    return new CliFailure(ExitCode.USAGE, "USAGE", message, hint);
  }

  /** The process exit status. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /** The stable reason. */
  public String reason() {
    return reason;
  }

  /** How to fix it, or null. */
  public String hint() {
    return hint;
  }
}
