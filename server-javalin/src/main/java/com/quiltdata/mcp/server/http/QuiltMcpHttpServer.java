package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The production web server started from environment-style variables: the very path {@code java
 * -jar quilt-mcp-server.jar} takes ({@link Main} calls {@link #start(Map, PrintStream)} with the
 * process environment). Launchers that embed the server, such as the demo, build the map
 * themselves; nothing here reads the process environment, and there is no fallback of any kind: a
 * map that would not start the production jar does not start this either.
 *
 * <p>Stop it with {@link #close()}: in-flight requests get up to 10 s, then the secret refresh
 * stops. Thread-safe.
 */
public final class QuiltMcpHttpServer implements AutoCloseable {
  /**
   * Every environment variable the HTTP server reads (name, alias, default, range): its own, the
   * token policy's, the signing secret's and the tool set's. The configuration reference is checked
   * against it.
   */
  public static final List<EnvironmentVariable> VARIABLES = WebEnvironment.VARIABLES;

  private final ServerAssembly assembly;

  private QuiltMcpHttpServer(ServerAssembly assembly) {
    this.assembly = assembly;
  }

  /**
   * Reads the settings from {@code env} (docs/configuration.md, "HTTP server"), builds every
   * component and starts listening. Like {@code Main}, it points logback at the layout {@code
   * MCP_LOG_FORMAT} names unless the system property {@code logback.configurationFile} is already
   * set (an embedding launcher sets it first to keep its own logging).
   *
   * @param env the variables, e.g. {@code MCP_JWT_SECRET}, {@code QUILT_REGISTRY_URL}, {@code
   *     MCP_HOST}, {@code MCP_PORT}; only this map is consulted
   * @param err receives one line naming the problem (never a secret) when the start fails
   * @throws StartException after that line, with the exit status {@code Main} uses: 2 for a
   *     configuration problem, 1 when the address cannot be bound
   */
  public static QuiltMcpHttpServer start(Map<String, String> env, PrintStream err) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(err, "err");
    try {
      WebEnvironment.Settings settings = Main.settings(env, err);
      Main.selectLogLayout(settings.logFormat());
      return new QuiltMcpHttpServer(Main.start(settings, err));
    } catch (Main.StartFailure e) {
      throw new StartException(e.status);
    }
  }

  /** The bound port (the real one when {@code MCP_PORT} was 0). */
  public int port() {
    return assembly.server().port();
  }

  /** The bound address, as configured ({@code MCP_HOST}, default {@code 127.0.0.1}). */
  public String host() {
    return assembly.server().config().host();
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitStop() throws InterruptedException {
    assembly.awaitStop();
  }

  /** Stops gracefully (in-flight requests finish, bounded). Idempotent. */
  @Override
  public void close() {
    assembly.close();
  }

  /** The server did not start; the reason is already on the error stream. */
  public static final class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    StartException(int exitStatus) {
      super("the MCP server did not start (exit status " + exitStatus + ")", null, false, false);
      this.exitStatus = exitStatus;
    }

    /** 2: a configuration problem; 1: the address could not be bound. */
    public int exitStatus() {
      return exitStatus;
    }
  }
}
