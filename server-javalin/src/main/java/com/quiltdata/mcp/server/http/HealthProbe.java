package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A container health check without curl ({@code bin/quilt-mcp-server --health-check}, the
 * Dockerfile's {@code HEALTHCHECK}, the ECS task's {@code healthCheck}): one {@code GET /healthz}
 * to the server in this container, exit status 0 for a 200 and 1 for anything else (another status,
 * refused, timed out). Reads the same {@code MCP_HOST} and {@code MCP_PORT} the server binds
 * ({@link #VARIABLES}); a wildcard or unset host is reached on the loopback address. Prints one
 * line only when the check fails, naming the status or the exception type.
 */
public final class HealthProbe {
  /** The variables the probe reads: the server's own bind address and port. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(WebEnvironment.HOST, WebEnvironment.PORT);

  private static final int TIMEOUT_MILLIS = 3_000;
  private static final int MAX_STATUS_LINE = 256;

  private HealthProbe() {}

  /** Checks {@code /healthz}; see the class comment. */
  public static void main(String[] args) {
    System.exit(check(System.getenv()) ? 0 : 1);
  }

  static boolean check(Map<String, String> env) {
    try {
      EnvironmentReader reader = EnvironmentReader.of(env);
      int port = (int) reader.integer(WebEnvironment.PORT);
      InetAddress address = target(reader.text(WebEnvironment.HOST));
      int status =
          send(
              address,
              port,
              "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      if (status != 200) {
        System.err.println("health check: /healthz answered " + status);
      }
      return status == 200;
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("health check: /healthz not reachable: " + e.getClass().getSimpleName());
      return false;
    }
  }

  /** Where the server bound to {@code host} is reached from inside its own container. */
  static InetAddress target(String host) throws IOException {
    if (host == null) {
      return InetAddress.getLoopbackAddress();
    }
    InetAddress bound = InetAddress.getByName(host.trim());
    return bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
  }

  /**
   * Sends one HTTP/1.1 request on a new connection, bounded by a 3 s connect and read timeout, and
   * returns the answer's status code (-1 for an answer without a status line).
   */
  static int send(InetAddress address, int port, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // only the status line is read: the rest of the answer is not needed and not waited for
      return statusCode(socket.getInputStream());
    }
  }

  /** The status code of an HTTP/1.x status line, or -1 when the answer has none. */
  static int statusCode(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n' && line.length() < MAX_STATUS_LINE) {
      line.append((char) c);
    }
    String[] parts = line.toString().trim().split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
