package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.util.List;
import java.util.Map;

/**
 * Where Prometheus metrics are served: a management listener of its own, never the public MCP port,
 * off unless a port is set, on loopback unless a host is set.
 *
 * @param host the address of the management listener ({@code MCP_METRICS_HOST}, default {@code
 *     127.0.0.1})
 * @param port its port ({@code MCP_METRICS_PORT}); 0 turns metrics off (nothing is started or
 *     recorded)
 */
public record MetricsSettings(String host, int port) {
  /** {@code MCP_METRICS_PORT}: 0, off. */
  public static final EnvironmentVariable PORT =
      EnvironmentVariable.integer("MCP_METRICS_PORT", 0, 65535, 0);

  /** {@code MCP_METRICS_HOST}. */
  public static final EnvironmentVariable HOST =
      EnvironmentVariable.text("MCP_METRICS_HOST", "127.0.0.1");

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES = List.of(PORT, HOST);

  /** Metrics off. */
  public static final MetricsSettings OFF = new MetricsSettings("127.0.0.1", 0);

  /** Validates both fields and names the bad one. */
  public MetricsSettings {
    if (host == null || host.isBlank() || host.length() > 253 || host.contains(" ")) {
      throw new IllegalArgumentException("host must be an IP address or host name");
    }
    PORT.checkRange(port, "port");
  }

  /** Whether metrics are collected and served. */
  public boolean enabled() {
    return port != 0;
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  public static MetricsSettings fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    int port = (int) reader.integer(PORT);
    String host = reader.text(HOST);
    try {
      return new MetricsSettings(host == null ? "127.0.0.1" : host.trim(), port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(HOST.name() + " must be an IP address or host name");
    }
  }
}
