package com.quiltdata.mcp.server.demo;

/**
 * A demo component could not start. The message is one line that says what failed and how to fix
 * it; it never carries a secret. {@link #exitStatus()} is the process exit status.
 */
final class DemoStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A component could not listen (the port is in use) or failed to start. */
  static final int EXIT_START_FAILURE = 1;

  /** Bad command line. */
  static final int EXIT_USAGE = 2;

  /** The data directory cannot be created or written. */
  static final int EXIT_DATA_DIRECTORY = 3;

  private final int exitStatus;

  DemoStartException(int exitStatus, String message) {
    super(message, null, false, false);
    this.exitStatus = exitStatus;
  }

  int exitStatus() {
    return exitStatus;
  }
}
