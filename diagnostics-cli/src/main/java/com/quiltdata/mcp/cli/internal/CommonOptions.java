package com.quiltdata.mcp.cli.internal;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
  @Option(
      names = "--json",
      description = "Print the result (or the error) as one JSON object on stdout.")
  boolean json;

  @Option(
      names = "--debug",
      description =
          "On an unexpected error, print the stack trace (secrets and tokens are still redacted).")
  boolean debug;
}
