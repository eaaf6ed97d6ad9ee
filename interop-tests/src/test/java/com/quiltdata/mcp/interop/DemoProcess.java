package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo jar started the way the README says, {@code java -jar
 * server-demo/target/quilt-mcp-demo.jar --demo}, from the repository root, with {@code --port 0}
 * and a data directory under {@code target}. The MCP URL and token are read from the banner it
 * prints, as a newcomer would copy them.
 */
final class DemoProcess implements AutoCloseable {
  /** The jar path as the README writes it, relative to the repository root. */
  static final String README_JAR = "server-demo/target/quilt-mcp-demo.jar";

  /** The banner's last content line: once it is there, the whole banner is. */
  static final String BANNER_END = "Ctrl-C stops the MCP server";

  private static final Pattern EXPORT =
      Pattern.compile("(?m)^\\s*export (MCP_URL|MCP_TOKEN)=(\\S+)\\s*$");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Process process;
  private final String logName;
  private final String url;
  private final String token;

  private DemoProcess(Process process, String logName, String url, String token) {
    this.process = process;
    this.logName = logName;
    this.url = url;
    this.token = token;
  }

  /** The command line the tests run, after {@code java}. */
  static List<String> arguments(Path dataDirectory, String... more) {
    List<String> args = new ArrayList<>(List.of("-jar", README_JAR));
    args.addAll(List.of(more));
    if (dataDirectory != null) {
      args.addAll(List.of("--data-dir", dataDirectory.toString()));
    }
    return args;
  }

  /** A process builder for the demo jar in the repository root, without inherited AWS settings. */
  static ProcessBuilder builder(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(InteropEnvironment.javaLauncher().toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(InteropEnvironment.repositoryRoot().toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    return builder;
  }

  /**
   * Starts {@code java -jar server-demo/target/quilt-mcp-demo.jar --demo --port 0 --data-dir DIR}
   * and waits for the banner.
   *
   * @param env extra variables for the demo process
   */
  static DemoProcess start(Path dataDirectory, String logName, Map<String, String> env)
      throws IOException {
    InteropEnvironment.demoJar(); // fails clearly when the jar was not built
    ProcessBuilder builder = builder(arguments(dataDirectory, "--demo", "--port", "0"));
    Process process = ChildProcess.start(builder, env, logName);
    DemoProcess demo = null;
    try {
      demo = awaitBanner(process, logName);
      return demo;
    } finally {
      if (demo == null) {
        ChildProcess.stop(process, Duration.ZERO);
      }
    }
  }

  private static DemoProcess awaitBanner(Process process, String logName) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String out = stdout(logName);
      if (out.contains(BANNER_END)) {
        Matcher m = EXPORT.matcher(out);
        String url = null;
        String token = null;
        while (m.find()) {
          if (m.group(1).equals("MCP_URL")) {
            url = m.group(2);
          } else {
            token = m.group(2);
          }
        }
        if (url == null || token == null) {
          fail("the demo banner lacks the export MCP_URL / MCP_TOKEN lines:\n" + out);
        }
        return new DemoProcess(process, logName, url, token);
      }
      if (!process.isAlive()) {
        fail(
            "the demo exited during start-up with status "
                + process.exitValue()
                + ":\n"
                + out
                + ChildProcess.readTail(ChildProcess.errFile(logName)));
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis()); // polling another process: no clock to inject
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the demo");
      }
    }
    return fail(
        "the demo printed no banner within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s:\n"
            + stdout(logName)
            + ChildProcess.readTail(ChildProcess.errFile(logName)));
  }

  private static String stdout(String logName) {
    return ChildProcess.readTail(ChildProcess.outFile(logName));
  }

  /** The MCP URL from the banner. */
  String url() {
    return url;
  }

  /** The demo token from the banner. */
  String token() {
    return token;
  }

  /** What the demo printed on stdout so far. */
  String stdout() {
    return stdout(logName);
  }

  /** What the demo logged on stderr so far. */
  String stderr() {
    return ChildProcess.readTail(ChildProcess.errFile(logName));
  }

  /** Stops the demo as Ctrl-C would (SIGTERM runs the same shutdown hook) and waits for it. */
  int stop() {
    ChildProcess.stop(process, STOP_GRACE);
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    ChildProcess.stop(process, STOP_GRACE);
  }
}
