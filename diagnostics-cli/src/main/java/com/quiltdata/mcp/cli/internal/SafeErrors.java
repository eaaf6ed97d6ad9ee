package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Command-line errors as one line, without echoing values: a token or secret pasted into the wrong
 * place must not be printed back. picocli quotes values in its messages; quoted text is kept only
 * when it is an option name (with at most a short label), everything else becomes {@code <value not
 * shown>}.
 */
final class SafeErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final Pattern OPTION_LIKE =
      Pattern.compile("-{1,2}[A-Za-z][A-Za-z0-9-]{0,30}(=[A-Za-z0-9_<>|.\\[\\]-]{1,20})?");

  private final CliContext ctx;

  SafeErrors(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    String message = safe(ex.getMessage());
    String hint = "see " + qualified(ex.getCommandLine()) + " --help";
    report(args, "USAGE", ExitCode.USAGE, message, hint);
    return ExitCode.USAGE.code();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    report(
        parsed.originalArgs().toArray(new String[0]),
        "INTERNAL",
        ExitCode.INTERNAL,
        "unexpected internal error (" + ex.getClass().getName() + ")",
        "rerun with --debug for a stack trace (secrets stay redacted)");
    return ExitCode.INTERNAL.code();
  }

  private void report(String[] args, String reason, ExitCode code, String message, String hint) {
    boolean json = Arrays.asList(args).contains("--json");
    Output out = new Output(ctx, json, false);
    for (String arg : args) {
      out.sensitive(arg.length() > 24 ? arg : null);
    }
    out.failure(new CliFailure(code, reason, message, hint));
  }

  /** The message with every quoted value that is not an option name replaced. */
  static String safe(String message) {
    if (message == null) {
      return "invalid command line";
    }
    String firstLine = message.strip().split("\\R", 2)[0];
    Matcher m = QUOTED.matcher(firstLine);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String quoted = m.group(1);
      String keep = OPTION_LIKE.matcher(quoted).matches() ? quoted : "<value not shown>";
      m.appendReplacement(out, Matcher.quoteReplacement("'" + keep + "'"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String qualified(CommandLine cl) {
    StringBuilder name = new StringBuilder(cl.getCommandName());
    for (CommandLine p = cl.getParent(); p != null; p = p.getParent()) {
      name.insert(0, p.getCommandName() + " ");
    }
    return name.toString();
  }
}
