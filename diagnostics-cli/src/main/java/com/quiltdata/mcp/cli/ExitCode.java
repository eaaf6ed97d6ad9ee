package com.quiltdata.mcp.cli;

/**
 * Exit statuses of {@code quilt-mcp-diag}: one per kind of outcome, stable so scripts can branch on
 * them. Documented in docs/operations.md and in {@code --help}.
 */
public enum ExitCode {
  /** The command did what was asked: token valid, check passed, key printed. */
  OK(0, "success (token valid, key printed, no doctor check failed)"),
  /** A defect in the CLI itself; {@code --debug} shows the stack trace. */
  INTERNAL(1, "unexpected internal error (rerun with --debug and report it)"),
  /** The command line or its input is unusable: unknown option, unreadable token file. */
  USAGE(2, "bad command line or unreadable input"),
  /** A token was rejected: malformed, bad signature, expired, wrong audience, refused (401/403). */
  INVALID_TOKEN(3, "the token was rejected (by verification or by the registry)"),
  /** Configuration is missing or wrong: no secret, too short, bad encoding, bad URL, clock skew. */
  CONFIG_ERROR(4, "configuration error (secret, SSM parameter, registry URL, issuer, clock)"),
  /** SSM or the registry could not be reached or gave no usable answer. */
  UNREACHABLE(5, "SSM or the registry could not be reached or gave no usable answer");

  private final int code;
  private final String description;

  ExitCode(int code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** One line saying when this status is returned. */
  public String description() {
    return description;
  }
}
