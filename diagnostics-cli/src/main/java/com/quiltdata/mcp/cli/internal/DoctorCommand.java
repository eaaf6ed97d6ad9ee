package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code doctor}: checks this process's environment as the server would read it. */
@Command(
    name = "doctor",
    header = "Check this server environment: secret, SSM, registry, clock, iss/aud.",
    description = {
      "Check a server environment: the variables of this process, read with the server's names",
      "and aliases. Secret configured, loadable (file / SSM reachable) and long enough; its",
      "strength; the key fingerprint; issuer and audience settings; registry URL, reachability",
      "and the clock skew against the registry's Date header. One line per check: OK, WARN,",
      "FAIL (with a fix) or SKIP. Exits non-zero only on FAIL."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  set -a; . ./server.env; set +a; quilt-mcp-diag doctor",
      "  docker exec mcp java -jar /app/quilt-mcp-diag.jar doctor --json",
      "  aws ecs execute-command ... --command 'quilt-mcp-diag doctor'"
    })
final class DoctorCommand extends DiagCommand {
  private static final int NAME_WIDTH = 16;

  @Option(
      names = "--ssm-endpoint",
      paramLabel = "URL",
      description = "SSM endpoint override (a VPC endpoint, or a local test endpoint).")
  URI ssmEndpoint;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = Durations.class,
      description = "Time allowed for the registry probe (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  DoctorCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  ExitCode run(Output out) {
    if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
      throw CliFailure.usage("--timeout must be between 1 s and 2 min", null);
    }
    DoctorChecks doctor = new DoctorChecks(ctx, ssmEndpoint, timeout);
    List<DoctorCheck> checks = doctor.run();
    Map<DoctorCheck.Status, Integer> counts = new EnumMap<>(DoctorCheck.Status.class);
    ExitCode exit = ExitCode.OK;
    for (DoctorCheck c : checks) {
      counts.merge(c.status(), 1, Integer::sum);
      if (c.status() == DoctorCheck.Status.FAIL && rank(c.failCode()) > rank(exit)) {
        exit = c.failCode();
      }
    }

    ObjectNode json = Output.object();
    json.put("command", "doctor");
    json.put("status", overall(counts).name());
    json.put("exitCode", exit.code());
    json.put("exitStatus", exit.name());
    json.put("fingerprint", doctor.fingerprint());
    ArrayNode list = json.putArray("checks");
    TextLines text = new TextLines();
    for (DoctorCheck c : checks) {
      ObjectNode n = list.addObject();
      n.put("check", c.name());
      n.put("status", c.status().name());
      n.put("detail", c.detail());
      n.put("hint", c.hint());
      StringBuilder line = new StringBuilder(String.format("%-5s %s", c.status(), c.name()));
      while (line.length() < 6 + NAME_WIDTH) {
        line.append(' ');
      }
      line.append(' ').append(c.detail());
      if (c.hint() != null) {
        line.append(" -- fix: ").append(c.hint());
      }
      text.line(line.toString());
    }
    StringBuilder summary = new StringBuilder("summary:");
    for (DoctorCheck.Status s : DoctorCheck.Status.values()) {
      if (counts.containsKey(s)) {
        summary.append(' ').append(counts.get(s)).append(' ').append(s);
      }
    }
    text.line(
        summary
            .append(" -> exit ")
            .append(exit.code())
            .append(" (")
            .append(exit)
            .append(")")
            .toString());
    out.result(json, text);
    return exit;
  }

  /** Configuration problems outrank unreachable services: fixing them comes first. */
  private static int rank(ExitCode code) {
    return switch (code) {
      case CONFIG_ERROR -> 2;
      case OK -> 0;
      default -> 1;
    };
  }

  private static DoctorCheck.Status overall(Map<DoctorCheck.Status, Integer> counts) {
    if (counts.containsKey(DoctorCheck.Status.FAIL)) {
      return DoctorCheck.Status.FAIL;
    }
    return counts.containsKey(DoctorCheck.Status.WARN)
        ? DoctorCheck.Status.WARN
        : DoctorCheck.Status.OK;
  }
}
