package com.quiltdata.mcp.cli;

import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.cli.internal.CliVariables;
import com.quiltdata.mcp.cli.internal.RootCommand;
import java.util.List;
import java.util.Objects;

/**
 * Entry point of {@code quilt-mcp-diag} (the shaded jar's main class). {@link #run(String[],
 * CliContext)} runs one command in-process and returns its exit status, so tests drive the real
 * command line with captured streams.
 */
public final class Main {
  /** Every environment variable the CLI reads (the configuration reference is checked on it). */
  public static final List<EnvironmentVariable> VARIABLES = CliVariables.ALL;

  private Main() {}

  /** Runs the command line against the real process and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, CliContext.system()));
  }

  /**
   * Runs one command.
   *
   * @return the exit status (one of {@link ExitCode}'s codes)
   */
  public static int run(String[] args, CliContext ctx) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(ctx, "ctx");
    int status = RootCommand.create(ctx).execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return status;
  }
}
