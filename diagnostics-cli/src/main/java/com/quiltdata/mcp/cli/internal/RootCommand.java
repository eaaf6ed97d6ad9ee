package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code quilt-mcp-diag}: the root command, which only lists its subcommands. */
@Command(
    name = "quilt-mcp-diag",
    versionProvider = RootCommand.Version.class,
    description = {
      "Operator diagnostics for quilt-mcp: find secret mismatches, clock skew, expired tokens,",
      "wrong audiences and registry refusals in seconds, without ever printing a secret or a",
      "token (only kfp1: key fingerprints and sha256: token fingerprints).",
      "",
      "Tokens are read from stdin by default (keeps them out of shell history); secrets are",
      "named (--secret-env NAME, --secret-file, --ssm-parameter, --server-env), never typed",
      "as an argument. Every command takes --json."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  quilt-mcp-diag doctor                                  # check this server environment",
      "  quilt-mcp-diag fingerprint --server-env                # compare with the catalog side",
      "  pbpaste | quilt-mcp-diag decode                        # what does this token say?",
      "  pbpaste | quilt-mcp-diag verify --server-env           # would the server accept it?",
      "  pbpaste | quilt-mcp-diag exchange                      # would the registry accept it?",
      "",
      "Documentation: docs/operations.md"
    })
public final class RootCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  RootCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err().println("error: name a command");
    spec.commandLine().usage(ctx.err());
    return ExitCode.USAGE.code();
  }

  /**
   * The command line for {@code ctx}, with every subcommand, the exit-code table in each help, and
   * error handlers that never echo argument values.
   */
  public static CommandLine create(CliContext ctx) {
    CommandLine cl = new CommandLine(new RootCommand(ctx));
    cl.getCommandSpec().mixinStandardHelpOptions(true);
    for (Object sub :
        new Object[] {
          new DecodeCommand(ctx),
          new VerifyCommand(ctx),
          new FingerprintCommand(ctx),
          new MintCommand(ctx),
          new ExchangeCommand(ctx),
          new DoctorCommand(ctx)
        }) {
      CommandLine child = new CommandLine(sub);
      child.getCommandSpec().mixinStandardHelpOptions(true);
      cl.addSubcommand(child);
    }
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      codes.put(String.valueOf(code.code()), code.name() + ": " + code.description());
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpWidth(100);
    cl.setOut(new PrintWriter(ctx.out(), true));
    cl.setErr(new PrintWriter(ctx.err(), true));
    cl.setParameterExceptionHandler(new SafeErrors(ctx));
    cl.setExecutionExceptionHandler(new SafeErrors(ctx));
    applyExitCodes(cl, codes);
    return cl;
  }

  private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
    cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    for (CommandLine sub : cl.getSubcommands().values()) {
      applyExitCodes(sub, codes);
    }
  }

  /** The version from the jar manifest ("dev" when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RootCommand.class.getPackage().getImplementationVersion();
      return new String[] {"quilt-mcp-diag " + (v == null ? "dev" : v)};
    }
  }
}
