package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.AuthException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Entry point of the web server ({@code java -jar quilt-mcp-server.jar}); the only class that reads
 * the process environment. Every variable is described in docs/configuration.md ("HTTP server" and
 * "Signing secret and rotation").
 *
 * <p>Exit status: 2 for a configuration problem (one line on stderr saying what to fix, no stack
 * trace, no secret), 1 when the server cannot start listening; on SIGTERM in-flight requests get up
 * to 10 s to finish.
 */
public final class Main {
  /** Exit status for configuration problems. */
  static final int EXIT_CONFIGURATION = 2;

  /** Exit status when the server cannot start (port in use). */
  static final int EXIT_START_FAILURE = 1;

  private static final String NAME = "quilt-mcp-server";

  private Main() {}

  /** Reads the environment, starts the server and serves until the process is terminated. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    int status = run(env, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Starts the server and blocks until it stops.
   *
   * @return the process exit status
   */
  static int run(Map<String, String> env, PrintStream err) {
    QuiltMcpHttpServer server;
    try {
      server = QuiltMcpHttpServer.start(env, err);
    } catch (QuiltMcpHttpServer.StartException e) {
      return e.exitStatus();
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  LogOutput.flush();
                },
                NAME + "-shutdown"));
    try {
      server.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
    return 0;
  }

  /**
   * Reads the settings.
   *
   * @throws StartFailure with {@link #EXIT_CONFIGURATION}, after one line on {@code err}
   */
  static WebEnvironment.Settings settings(Map<String, String> env, PrintStream err) {
    try {
      return WebEnvironment.read(env);
    } catch (IllegalArgumentException | AuthException e) {
      throw fail(err, EXIT_CONFIGURATION, e.getMessage());
    }
  }

  /**
   * Builds everything and starts serving.
   *
   * @throws StartFailure with the exit status, after one line on {@code err}
   */
  static ServerAssembly start(WebEnvironment.Settings settings, PrintStream err) {
    try {
      return ServerAssembly.start(settings, version(), Clock.systemUTC());
    } catch (AuthException | IllegalArgumentException e) {
      throw fail(err, EXIT_CONFIGURATION, e.getMessage());
    } catch (IllegalStateException e) {
      throw fail(err, EXIT_START_FAILURE, e.getMessage());
    }
  }

  /**
   * Tells {@link LogOutput} which layout to write. Must run before the first logger is created, so
   * nothing before it logs; an explicit {@code -Dlogback.configurationFile} still wins.
   */
  static void selectLogLayout(WebEnvironment.LogFormat format) {
    System.setProperty(LogOutput.FORMAT_PROPERTY, format.value());
  }

  private static StartFailure fail(PrintStream err, int status, String message) {
    err.println(NAME + ": " + oneLine(message));
    return new StartFailure(status);
  }

  private static String oneLine(String message) {
    return message == null ? "start-up failed" : message.replaceAll("[\\r\\n]+", " ");
  }

  private static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** Start-up failed; the message is already on stderr. */
  static final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    StartFailure(int status) {
      super("start-up failed", null, false, false);
      this.status = status;
    }
  }
}
