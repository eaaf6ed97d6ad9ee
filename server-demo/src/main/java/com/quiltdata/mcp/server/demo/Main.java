package com.quiltdata.mcp.server.demo;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * {@code java -jar quilt-mcp-demo.jar --demo}: the quilt-mcp HTTP server with everything it needs
 * on this machine (docs/demo.md). Progress and the banner go to stdout, log lines to stderr. Ctrl-C
 * stops all components gracefully.
 *
 * <p>Exit status: 0 after Ctrl-C (or {@code --help}), 1 a component could not start (a port in
 * use), 2 bad command line (including a missing {@code --demo}), 3 the data directory cannot be
 * written. Errors are one line on stderr.
 */
public final class Main {
  private static final String PREFIX = "quilt-mcp-demo: ";

  /** The demo's logback configuration: logs to stderr, libraries at WARN. */
  static final String LOG_CONFIGURATION = "quilt-mcp-demo-logback.xml";

  private Main() {}

  /** Parses the arguments, starts the demo and serves until the process is terminated. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOG_CONFIGURATION);
    }
    int status = run(List.of(args), System.out, System.err, Clock.systemUTC(), new SecureRandom());
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Starts the demo and blocks until it is stopped.
   *
   * @return the exit status
   */
  static int run(
      List<String> args, PrintStream out, PrintStream err, Clock clock, SecureRandom random) {
    DemoStack stack;
    try {
      stack = DemoStack.start(LaunchOptions.parse(args), out, clock, random);
    } catch (LaunchOptions.HelpRequested e) {
      out.println(LaunchOptions.USAGE);
      return 0;
    } catch (DemoStartException e) {
      err.println(PREFIX + e.getMessage());
      if (e.exitStatus() == DemoStartException.EXIT_USAGE) {
        err.println();
        err.println(LaunchOptions.USAGE);
      }
      return e.exitStatus();
    } catch (RuntimeException e) {
      err.println(
          PREFIX
              + "start-up failed unexpectedly ("
              + e.getClass().getName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("[\\r\\n]+", " "))
              + ")");
      return DemoStartException.EXIT_START_FAILURE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "quilt-mcp-demo-shutdown"));
    try {
      stack.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stack.close();
    }
    return 0;
  }
}
