package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much a client may hold of the server while it sends a request: how long a request body may
 * take to arrive, how many body bytes may be buffered for all requests at once, and how many
 * connections one peer address may keep open. Bodies are received without a worker thread (see
 * {@link BodyIntake}), so a slow sender costs a connection and a few buffers, never a thread.
 *
 * @param bodyTimeout the longest a request body may take from the first demand to its last byte
 *     ({@code MCP_BODY_TIMEOUT_SECONDS}, 1 s .. 5 min); over it, 408 and the connection closed
 * @param bodyBufferBytes the most body bytes held for all requests in progress at once ({@code
 *     MCP_BODY_BUFFER_BYTES}, 1 MiB .. 4 GiB); over it, a retryable 503
 * @param maxConnectionsPerAddress the most open connections from one peer address ({@code
 *     MCP_MAX_CONNECTIONS_PER_ADDRESS}, 1 .. 100,000); further ones are closed at once. Behind a
 *     load balancer the peer is the balancer's node, so keep this well above its connection count.
 * @param initializePerSecond legacy sessions one peer address may open per second, on average
 *     ({@code MCP_INITIALIZE_RATE}, 1 .. 100,000; bursts of five seconds' worth): one more {@code
 *     initialize} is answered 429 with {@code Retry-After}. Per replica.
 */
public record TrafficLimits(
    Duration bodyTimeout,
    long bodyBufferBytes,
    int maxConnectionsPerAddress,
    int initializePerSecond) {
  /** {@code MCP_BODY_TIMEOUT_SECONDS}. */
  public static final EnvironmentVariable BODY_TIMEOUT_SECONDS =
      EnvironmentVariable.integer("MCP_BODY_TIMEOUT_SECONDS", 1, 300, 10);

  /** {@code MCP_BODY_BUFFER_BYTES}. */
  public static final EnvironmentVariable BODY_BUFFER_BYTES =
      EnvironmentVariable.integer("MCP_BODY_BUFFER_BYTES", 1L << 20, 4L << 30, 64L << 20);

  /** {@code MCP_MAX_CONNECTIONS_PER_ADDRESS}. */
  public static final EnvironmentVariable MAX_CONNECTIONS_PER_ADDRESS =
      EnvironmentVariable.integer("MCP_MAX_CONNECTIONS_PER_ADDRESS", 1, 100_000, 512);

  /** {@code MCP_INITIALIZE_RATE}. */
  public static final EnvironmentVariable INITIALIZE_RATE =
      EnvironmentVariable.integer("MCP_INITIALIZE_RATE", 1, 100_000, 20);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(
          BODY_TIMEOUT_SECONDS, BODY_BUFFER_BYTES, MAX_CONNECTIONS_PER_ADDRESS, INITIALIZE_RATE);

  /** 10 s per body, 64 MiB of bodies in all, 512 connections and 20 sessions/s per address. */
  public static final TrafficLimits DEFAULTS =
      new TrafficLimits(Duration.ofSeconds(10), 64L << 20, 512, 20);

  /** Validates every field and names the bad one. */
  public TrafficLimits {
    Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    if (bodyTimeout.compareTo(Duration.ofSeconds(BODY_TIMEOUT_SECONDS.min())) < 0
        || bodyTimeout.compareTo(Duration.ofSeconds(BODY_TIMEOUT_SECONDS.max())) > 0) {
      throw new IllegalArgumentException("bodyTimeout must be between 1 second and 5 minutes");
    }
    BODY_BUFFER_BYTES.checkRange(bodyBufferBytes, "bodyBufferBytes");
    MAX_CONNECTIONS_PER_ADDRESS.checkRange(maxConnectionsPerAddress, "maxConnectionsPerAddress");
    INITIALIZE_RATE.checkRange(initializePerSecond, "initializePerSecond");
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  public static TrafficLimits fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    return new TrafficLimits(
        Duration.ofSeconds(reader.integer(BODY_TIMEOUT_SECONDS)),
        reader.integer(BODY_BUFFER_BYTES),
        (int) reader.integer(MAX_CONNECTIONS_PER_ADDRESS),
        (int) reader.integer(INITIALIZE_RATE));
  }
}
