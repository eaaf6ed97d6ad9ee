package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged HTTP server ({@code java -jar quilt-mcp-server.jar}) running as a child process on a
 * free loopback port, with the conformance test tools switched on and a registry URL that points at
 * a closed loopback port (nothing here may reach the network). Close it to stop it.
 */
final class HttpServerProcess implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final String logName;
  private final Duration startup;

  private HttpServerProcess(Process process, int port, String logName, Duration startup) {
    this.process = process;
    this.port = port;
    this.logName = logName;
    this.startup = startup;
  }

  /**
   * Starts the server and waits until {@code /healthz} answers 200.
   *
   * @param secret the HS256 secret the server verifies bearer tokens with
   * @param logName base name of the server's output files
   */
  static HttpServerProcess start(String secret, String logName) throws IOException {
    return start(secret, logName, Map.of(), STARTUP_TIMEOUT);
  }

  /**
   * Starts the server with {@code more} variables on top (they win), e.g. a registry and AWS
   * endpoints of stand-ins the test started.
   */
  static HttpServerProcess start(String secret, String logName, Map<String, String> more)
      throws IOException {
    return start(secret, logName, more, STARTUP_TIMEOUT);
  }

  /**
   * Starts the server with further variables (a session store, say) and waits until {@code
   * /healthz} answers 200.
   *
   * @param more variables added to (and overriding) the test defaults
   * @param startupTimeout how long it may take to answer (several servers starting at once on a
   *     shared machine need more than one)
   */
  static HttpServerProcess start(
      String secret, String logName, Map<String, String> more, Duration startupTimeout)
      throws IOException {
    int port = freeLoopbackPort();
    int closedPort = freeLoopbackPort();
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                InteropEnvironment.javaLauncher().toString(),
                "-jar",
                InteropEnvironment.httpJar().toString()));
    Map<String, String> env = new HashMap<>();
    env.putAll(
        Map.of(
            "MCP_HOST",
            "127.0.0.1",
            "MCP_PORT",
            Integer.toString(port),
            "MCP_JWT_SECRET",
            secret,
            "QUILT_REGISTRY_URL",
            "http://127.0.0.1:" + closedPort,
            "MCP_TEST_TOOLS",
            "conformance"));
    env.putAll(more);
    long started = System.nanoTime();
    Process process = ChildProcess.start(builder, env, logName);
    HttpServerProcess server = null;
    try {
      awaitHealthy(process, port, logName, startupTimeout);
      server =
          new HttpServerProcess(
              process, port, logName, Duration.ofNanos(System.nanoTime() - started));
      return server;
    } finally {
      if (server == null) {
        ChildProcess.stop(process, Duration.ZERO);
      }
    }
  }

  /** The MCP endpoint, e.g. {@code http://127.0.0.1:PORT/mcp}. */
  String mcpUrl() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  /** Its port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** How long the server took from launch to a healthy {@code /healthz}. */
  Duration startup() {
    return startup;
  }

  /** The tail of the server's log output, for failure messages. */
  String logTail() {
    return ChildProcess.readTail(ChildProcess.errFile(logName))
        + ChildProcess.readTail(ChildProcess.outFile(logName));
  }

  @Override
  public void close() {
    ChildProcess.stop(process, STOP_GRACE);
  }

  private static void awaitHealthy(
      Process process, int port, String logName, Duration startupTimeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    int lastStatus = -1;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(
            "the HTTP server exited during startup with status "
                + process.exitValue()
                + ":\n"
                + ChildProcess.readTail(ChildProcess.errFile(logName))
                + ChildProcess.readTail(ChildProcess.outFile(logName)));
      }
      try {
        lastStatus = client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (lastStatus == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the HTTP server");
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis()); // polling another process: no clock to inject
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the HTTP server");
      }
    }
    fail(
        "the HTTP server did not answer /healthz with 200 within "
            + startupTimeout.toSeconds()
            + " s (last status "
            + lastStatus
            + "):\n"
            + ChildProcess.readTail(ChildProcess.errFile(logName)));
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
