package com.quiltdata.mcp.tools.athena;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the Athena tools choose a workgroup and what they bound. Immutable; {@link
 * #fromEnvironment(Map)} reads {@link #VARIABLES}, or start from {@link #defaults()} and the {@code
 * with...} methods.
 *
 * @param workgroup the workgroup used when a call names none ({@code MCP_ATHENA_WORKGROUP}); {@code
 *     null}: the caller's enabled workgroups are looked at, per call
 * @param outputLocation the result location sent when the workgroup does not enforce its own
 *     ({@code MCP_ATHENA_OUTPUT_LOCATION}, an {@code s3://} URI); {@code null}: only the
 *     workgroup's
 * @param allowWrites whether statements other than SELECT, WITH, SHOW, DESCRIBE and EXPLAIN may run
 *     ({@code MCP_ATHENA_ALLOW_WRITES}); even then the token must grant the statement's action
 * @param maxRows the most rows one response carries ({@code MCP_ATHENA_MAX_ROWS})
 * @param maxResponseBytes the most bytes of cell text one response carries ({@code
 *     MCP_ATHENA_MAX_RESPONSE_BYTES}); past it the page ends and a {@code next_token} continues
 * @param maxCellChars the longest cell shown; longer ones are cut and end in a marker ({@code
 *     MCP_ATHENA_MAX_CELL_CHARS})
 * @param maxQueryBytes the largest query text accepted, in UTF-8 bytes ({@code
 *     MCP_ATHENA_MAX_QUERY_BYTES})
 * @param defaultTimeout how long {@code athena_query_execute} waits when the call gives no {@code
 *     timeout_seconds} ({@code MCP_ATHENA_TIMEOUT_SECONDS})
 * @param maxTimeout the longest {@code timeout_seconds} accepted ({@code
 *     MCP_ATHENA_MAX_TIMEOUT_SECONDS})
 * @param firstPoll the first wait between status polls; each next wait is 1.5 times longer
 * @param maxPoll the longest wait between status polls
 */
public record AthenaSettings(
    String workgroup,
    String outputLocation,
    boolean allowWrites,
    int maxRows,
    int maxResponseBytes,
    int maxCellChars,
    int maxQueryBytes,
    Duration defaultTimeout,
    Duration maxTimeout,
    Duration firstPoll,
    Duration maxPoll) {

  /** {@code MCP_ATHENA_WORKGROUP}. */
  public static final EnvironmentVariable WORKGROUP =
      EnvironmentVariable.text("MCP_ATHENA_WORKGROUP", null);

  /** {@code MCP_ATHENA_OUTPUT_LOCATION}. */
  public static final EnvironmentVariable OUTPUT_LOCATION =
      EnvironmentVariable.text("MCP_ATHENA_OUTPUT_LOCATION", null);

  /** {@code MCP_ATHENA_ALLOW_WRITES}. */
  public static final EnvironmentVariable ALLOW_WRITES =
      EnvironmentVariable.flag("MCP_ATHENA_ALLOW_WRITES", false);

  /** {@code MCP_ATHENA_MAX_ROWS}. */
  public static final EnvironmentVariable MAX_ROWS =
      EnvironmentVariable.integer("MCP_ATHENA_MAX_ROWS", 1, 10_000, 1000);

  /** {@code MCP_ATHENA_MAX_RESPONSE_BYTES}. */
  public static final EnvironmentVariable MAX_RESPONSE_BYTES =
      EnvironmentVariable.integer(
          "MCP_ATHENA_MAX_RESPONSE_BYTES", 4096, 16L * 1024 * 1024, 1024 * 1024);

  /** {@code MCP_ATHENA_MAX_CELL_CHARS}. */
  public static final EnvironmentVariable MAX_CELL_CHARS =
      EnvironmentVariable.integer("MCP_ATHENA_MAX_CELL_CHARS", 16, 1024 * 1024, 4096);

  /** {@code MCP_ATHENA_MAX_QUERY_BYTES}: Athena's own limit is 262144. */
  public static final EnvironmentVariable MAX_QUERY_BYTES =
      EnvironmentVariable.integer("MCP_ATHENA_MAX_QUERY_BYTES", 64, 262_144, 262_144);

  /** {@code MCP_ATHENA_TIMEOUT_SECONDS}. */
  public static final EnvironmentVariable TIMEOUT_SECONDS =
      EnvironmentVariable.integer("MCP_ATHENA_TIMEOUT_SECONDS", 1, 3600, 60);

  /** {@code MCP_ATHENA_MAX_TIMEOUT_SECONDS}. */
  public static final EnvironmentVariable MAX_TIMEOUT_SECONDS =
      EnvironmentVariable.integer("MCP_ATHENA_MAX_TIMEOUT_SECONDS", 1, 3600, 900);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(
          WORKGROUP,
          OUTPUT_LOCATION,
          ALLOW_WRITES,
          MAX_ROWS,
          MAX_RESPONSE_BYTES,
          MAX_CELL_CHARS,
          MAX_QUERY_BYTES,
          TIMEOUT_SECONDS,
          MAX_TIMEOUT_SECONDS);

  private static final Pattern WORKGROUP_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
  private static final Pattern OUTPUT_URI =
      Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]{0,1000})?");

  /** Validates every field; messages name the field and the accepted range. */
  public AthenaSettings {
    if (workgroup != null && !WORKGROUP_NAME.matcher(workgroup).matches()) {
      throw new IllegalArgumentException(
          "workgroup must be 1-128 characters of letters, digits, '.', '_' and '-'");
    }
    if (outputLocation != null && !OUTPUT_URI.matcher(outputLocation).matches()) {
      throw new IllegalArgumentException(
          "outputLocation must be an s3:// URI of a bucket and optional prefix");
    }
    range(maxRows, MAX_ROWS, "maxRows");
    range(maxResponseBytes, MAX_RESPONSE_BYTES, "maxResponseBytes");
    range(maxCellChars, MAX_CELL_CHARS, "maxCellChars");
    range(maxQueryBytes, MAX_QUERY_BYTES, "maxQueryBytes");
    Objects.requireNonNull(defaultTimeout, "defaultTimeout");
    Objects.requireNonNull(maxTimeout, "maxTimeout");
    range(maxTimeout.toSeconds(), MAX_TIMEOUT_SECONDS, "maxTimeout (seconds)");
    if (defaultTimeout.isNegative()
        || defaultTimeout.isZero()
        || defaultTimeout.compareTo(maxTimeout) > 0) {
      throw new IllegalArgumentException("defaultTimeout must be positive and at most maxTimeout");
    }
    Objects.requireNonNull(firstPoll, "firstPoll");
    Objects.requireNonNull(maxPoll, "maxPoll");
    if (firstPoll.toMillis() < 1 || firstPoll.compareTo(maxPoll) > 0 || maxPoll.toSeconds() > 60) {
      throw new IllegalArgumentException(
          "firstPoll must be at least 1 ms and at most maxPoll, maxPoll at most 60 s");
    }
  }

  /** No default workgroup or output location, read-only, every bound at its default. */
  public static AthenaSettings defaults() {
    return new AthenaSettings(
        null,
        null,
        false,
        (int) Long.parseLong(MAX_ROWS.defaultValue()),
        (int) Long.parseLong(MAX_RESPONSE_BYTES.defaultValue()),
        (int) Long.parseLong(MAX_CELL_CHARS.defaultValue()),
        (int) Long.parseLong(MAX_QUERY_BYTES.defaultValue()),
        Duration.ofSeconds(Long.parseLong(TIMEOUT_SECONDS.defaultValue())),
        Duration.ofSeconds(Long.parseLong(MAX_TIMEOUT_SECONDS.defaultValue())),
        Duration.ofMillis(200),
        Duration.ofSeconds(5));
  }

  /**
   * Reads {@link #VARIABLES} (docs/configuration.md, "Athena tools"); the empty string counts as
   * unset.
   *
   * @throws IllegalArgumentException naming the variable and the expected form (never its value)
   */
  public static AthenaSettings fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    AthenaSettings d = defaults();
    String workgroup = reader.text(WORKGROUP);
    if (workgroup != null && !WORKGROUP_NAME.matcher(workgroup).matches()) {
      throw new IllegalArgumentException(
          WORKGROUP.name() + " must be 1-128 characters of letters, digits, '.', '_' and '-'");
    }
    String output = reader.text(OUTPUT_LOCATION);
    if (output != null && !OUTPUT_URI.matcher(output).matches()) {
      throw new IllegalArgumentException(
          OUTPUT_LOCATION.name() + " must be an s3:// URI of a bucket and optional prefix");
    }
    Duration timeout = Duration.ofSeconds(reader.integer(TIMEOUT_SECONDS));
    Duration maxTimeout = Duration.ofSeconds(reader.integer(MAX_TIMEOUT_SECONDS));
    if (timeout.compareTo(maxTimeout) > 0) {
      throw new IllegalArgumentException(
          TIMEOUT_SECONDS.name() + " must not be above " + MAX_TIMEOUT_SECONDS.name());
    }
    return new AthenaSettings(
        workgroup,
        output,
        reader.flag(ALLOW_WRITES),
        (int) reader.integer(MAX_ROWS),
        (int) reader.integer(MAX_RESPONSE_BYTES),
        (int) reader.integer(MAX_CELL_CHARS),
        (int) reader.integer(MAX_QUERY_BYTES),
        timeout,
        maxTimeout,
        d.firstPoll,
        d.maxPoll);
  }

  /** A copy with another default workgroup and output location ({@code null}: none). */
  public AthenaSettings withWorkgroup(String newWorkgroup, String newOutputLocation) {
    return new AthenaSettings(
        newWorkgroup,
        newOutputLocation,
        allowWrites,
        maxRows,
        maxResponseBytes,
        maxCellChars,
        maxQueryBytes,
        defaultTimeout,
        maxTimeout,
        firstPoll,
        maxPoll);
  }

  /** A copy that allows writes or not. */
  public AthenaSettings withAllowWrites(boolean newAllowWrites) {
    return new AthenaSettings(
        workgroup,
        outputLocation,
        newAllowWrites,
        maxRows,
        maxResponseBytes,
        maxCellChars,
        maxQueryBytes,
        defaultTimeout,
        maxTimeout,
        firstPoll,
        maxPoll);
  }

  /** A copy with other response bounds. */
  public AthenaSettings withBounds(int rows, int responseBytes, int cellChars, int queryBytes) {
    return new AthenaSettings(
        workgroup,
        outputLocation,
        allowWrites,
        rows,
        responseBytes,
        cellChars,
        queryBytes,
        defaultTimeout,
        maxTimeout,
        firstPoll,
        maxPoll);
  }

  /** A copy with other waiting: the default deadline and the polling back-off. */
  public AthenaSettings withPolling(Duration timeout, Duration first, Duration max) {
    return new AthenaSettings(
        workgroup,
        outputLocation,
        allowWrites,
        maxRows,
        maxResponseBytes,
        maxCellChars,
        maxQueryBytes,
        timeout,
        maxTimeout,
        first,
        max);
  }

  private static void range(long value, EnvironmentVariable v, String field) {
    if (value < v.min() || value > v.max()) {
      throw new IllegalArgumentException(field + " must be between " + v.min() + " and " + v.max());
    }
  }
}
