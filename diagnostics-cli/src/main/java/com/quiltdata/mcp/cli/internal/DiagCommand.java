package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * Base of every subcommand: sets up the {@link Output} and turns every failure into one clear line
 * and an {@link ExitCode}. Unexpected exceptions are reported by class name only (their messages
 * could quote input); {@code --debug} adds the redacted stack trace.
 */
abstract class DiagCommand implements Callable<Integer> {
  protected final CliContext ctx;

  @Mixin CommonOptions common = new CommonOptions();

  DiagCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Runs the command; returns the exit status of a completed run. */
  abstract ExitCode run(Output out);

  @Override
  public final Integer call() {
    Output out = new Output(ctx, common.json, common.debug);
    try {
      return run(out).code();
    } catch (CliFailure e) {
      return out.failure(e).code();
    } catch (AuthException e) {
      out.stackTrace(e);
      return out.failure(Failures.of(e)).code();
    } catch (JwtVerificationException e) {
      return out.failure(Failures.of(e)).code();
    } catch (RuntimeException e) {
      out.stackTrace(e);
      return out.failure(
              new CliFailure(
                  ExitCode.INTERNAL,
                  "INTERNAL",
                  "unexpected internal error (" + e.getClass().getName() + ")",
                  common.debug
                      ? "the stack trace is above; please report it"
                      : "rerun with --debug for a stack trace (secrets stay redacted)"))
          .code();
    }
  }
}
